import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { idempotentTransaction } from "@/server/lib/idempotency";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { findCredit, findReason, remainingOf, voidCreditSql } from "./credits.repo";
import type { VoidCreditInput } from "./credits.schema";
import { executeTogether, ledgerAppendSql, lockBalance, withRunningBalance } from "./ledger";
import { creditVoidedEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";

export type VoidCreditResult = { creditId: string; customerId: string; currency: string; removedMinor: bigint; balanceMinor: bigint };

/**
 * "Delete": removes the credit's unused balance for good through a VOIDED event. The credit and its
 * history stay, shown as deleted. A credit with nothing left (fully used) cannot be deleted.
 */
export function voidCredit({ db, actor }: ServiceContext, input: VoidCreditInput): Promise<VoidCreditResult> {
  return idempotentTransaction<VoidCreditResult>(db, { actor, key: input.idempotencyKey, operation: "credit.void", request: input }, async (tx, { resultSql }) => {
    // Customer and currency never change, so this unlocked read is enough to know which balance to lock.
    const found = await findCredit(tx, input.creditId);
    if (!found) throw new AppError("NOT_FOUND", "This store credit does not exist", "creditId");
    const reason = await findReason(tx, input.reasonId);
    if (!reason?.isActive) throw new AppError("BAD_INPUT", "Choose an active reason", "reasonId");

    const key = { customerId: found.customerId, currency: found.currency };
    const balanceMinor = await lockBalance(tx, key);
    const credit = (await findCredit(tx, input.creditId, { forUpdate: true }))!;
    if (credit.voidedAt) throw new AppError("CONFLICT", "This credit was already deleted");
    const remainingMinor = remainingOf(credit);
    if (remainingMinor === 0n) {
      throw new AppError(
        "CONFLICT",
        credit.usedMinor === credit.amountMinor
          ? "This credit is fully used, so there is nothing left to delete"
          : "This credit has no unused balance left to delete",
      );
    }

    const ledger = withRunningBalance(balanceMinor, [
      { creditId: credit.id, type: "VOIDED", amountMinor: -remainingMinor, actorId: actor.id, reasonId: reason.id, reason: reason.name, memo: input.note, operationId: uuid7() },
    ]);
    const result: VoidCreditResult = { creditId: credit.id, ...key, removedMinor: remainingMinor, balanceMinor: ledger.balanceMinor };
    await executeTogether(tx, [
      voidCreditSql({ creditId: credit.id, removedMinor: credit.removedMinor + remainingMinor, actorId: actor.id, reason: reason.name }),
      ...ledgerAppendSql(key, ledger),
      auditInsertSql({
        actor,
        action: "credit.void",
        entityType: "store_credit",
        entityId: credit.id,
        customerId: key.customerId,
        reason: input.note ? `${reason.name}: ${input.note}` : reason.name,
        before: { remainingMinor },
        after: { remainingMinor: 0n },
        details: { ...key, removedMinor: remainingMinor, usedMinor: credit.usedMinor, reason: reason.name, note: input.note },
      }),
      webhookEventSql(creditVoidedEvent({ creditId: credit.id, ...key, removedMinor: remainingMinor, balanceMinor: ledger.balanceMinor, reason: reason.name })),
      resultSql(result),
    ]);
    return result;
  });
}
