import type { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import type { Actor } from "@/server/lib/service-context";
import type { ApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { approvalDetails, DIRECT, limitGate, type ActionMode } from "@/server/modules/approvals/limit-gate";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { idempotentTransaction } from "@/server/lib/idempotency";
import { formatMoney } from "@/server/lib/money";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { creditAdjustedEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { creditDetailsUpdateSql, findCategory, findCredit, findReason, type CreditDetailsChange } from "./credits.repo";
import type { UpdateCreditInput } from "./credits.schema";
import {
  assertBalanceWithinLimit,
  executeTogether,
  ledgerAppendSql,
  lockBalance,
  withRunningBalance,
  type LedgerEvent,
} from "./ledger";
import { assertUnchangedSinceShown } from "./unchanged-since-shown";

export type UpdateCreditResult = {
  creditId: string;
  /** The customer's balance in the credit's currency afterwards. */
  balanceMinor: bigint;
  changedFields: ("memo" | "categoryId" | "expiresAt" | "amount")[];
  /** The ADJUSTED_UP / ADJUSTED_DOWN event when the amount changed. */
  eventId: string | null;
};

/**
 * Edit: memo, category and expiry freely; the amount only with a reason and never below what has
 * been used (or already removed by expiry). An amount change is an adjustment event. Deleted
 * credits cannot be edited.
 */
export function updateCredit({ db, actor }: ServiceContext, input: UpdateCreditInput): Promise<UpdateCreditResult | ApprovalPending> {
  return idempotentTransaction<UpdateCreditResult | ApprovalPending>(db, { actor, key: input.idempotencyKey, operation: "credit.update", request: input }, (tx, { resultSql }) =>
    updateCreditInTx(tx, actor, input, { resultSql, mode: DIRECT }),
  );
}

/** The action itself, in a transaction that holds its idempotency key (the caller's or an approved request's). */
export async function updateCreditInTx(
  tx: DbTx,
  actor: Actor,
  input: UpdateCreditInput,
  { resultSql, mode }: { resultSql: (result: UpdateCreditResult) => Prisma.Sql; mode: ActionMode },
): Promise<UpdateCreditResult | ApprovalPending> {
  const found = await findCredit(tx, input.creditId);
  if (!found) throw new AppError("NOT_FOUND", "This store credit does not exist", "creditId");
  const key = { customerId: found.customerId, currency: found.currency };
  const balanceMinor = await lockBalance(tx, key);
  const credit = (await findCredit(tx, input.creditId, { forUpdate: true }))!;
  if (credit.voidedAt) throw new AppError("CONFLICT", "This credit was deleted; it can no longer be changed");
  if (input.amountMinor !== undefined) {
    if (input.currency !== credit.currency) throw new AppError("BAD_INPUT", `This credit is in ${credit.currency}`, "currency");
    assertUnchangedSinceShown({ what: "amount", field: "amount", shownMinor: input.expectedAmountMinor, currentMinor: credit.amountMinor, currency: credit.currency });
  }

  const now = new Date();
  const change: CreditDetailsChange = {};
  const changedFields: UpdateCreditResult["changedFields"] = [];
  if (input.memo !== undefined && input.memo !== credit.memo) {
    change.memo = input.memo;
    changedFields.push("memo");
  }
  if (input.categoryId !== undefined && input.categoryId !== credit.categoryId) {
    const category = await findCategory(tx, { id: input.categoryId });
    if (!category?.isActive) throw new AppError("BAD_INPUT", "Choose an active category", "categoryId");
    change.categoryId = input.categoryId;
    changedFields.push("categoryId");
  }
  if (input.expiresAt !== undefined && input.expiresAt?.getTime() !== credit.expiresAt?.getTime()) {
    change.expiresAt = input.expiresAt;
    // Moved later (validated to be in the future) or removed: the expiry run must look at it again.
    change.isExpiryReopened = credit.expiryProcessedAt !== null;
    changedFields.push("expiresAt");
  }

  let events: LedgerEvent[] = [];
  let balanceAfter = balanceMinor;
  if (input.amountMinor !== undefined && input.amountMinor !== credit.amountMinor) {
    if (!input.reasonId) throw new AppError("BAD_INPUT", "Choose a reason for changing the amount", "reasonId");
    const reason = await findReason(tx, input.reasonId);
    if (!reason?.isActive) throw new AppError("BAD_INPUT", "Choose an active reason", "reasonId");
    const floor = credit.usedMinor + credit.removedMinor;
    if (input.amountMinor < floor) {
      const gone = credit.removedMinor > 0n ? " used or expired" : " used";
      throw new AppError("BAD_INPUT", `${formatMoney(floor, credit.currency)} of this credit has been${gone}; the amount cannot go below that`, "amount");
    }
    const delta = input.amountMinor - credit.amountMinor;
    // A raise is issuing the difference: the same single and daily credit limits apply.
    if (delta > 0n) {
      const limited = { kind: "credit", currency: credit.currency, amountMinor: delta } as const;
      const draft = { operation: "credit.update", input, customerId: key.customerId, requesterNote: input.note ?? null } as const;
      const pending = await limitGate(tx, actor, mode, limited, draft);
      if (pending) return pending;
    }
    const expiresAt = change.expiresAt !== undefined ? change.expiresAt : credit.expiresAt;
    if (delta > 0n && expiresAt !== null && expiresAt <= now) {
      throw new AppError("BAD_INPUT", "This credit has expired; move its expiry date later to add to it", "amount");
    }
    const ledger = withRunningBalance(balanceMinor, [
      {
        creditId: credit.id,
        type: delta > 0n ? "ADJUSTED_UP" : "ADJUSTED_DOWN",
        amountMinor: delta,
        actorId: actor.id,
        reasonId: reason.id,
        reason: reason.name,
        memo: input.note,
        operationId: uuid7(),
      },
    ]);
    assertBalanceWithinLimit(credit.currency, ledger.balanceMinor);
    events = ledger.events;
    balanceAfter = ledger.balanceMinor;
    change.amountMinor = input.amountMinor;
    changedFields.push("amount");
  }

  const result: UpdateCreditResult = { creditId: credit.id, balanceMinor: balanceAfter, changedFields, eventId: events[0]?.id ?? null };
  const before = { memo: credit.memo, categoryId: credit.categoryId, expiresAt: credit.expiresAt, amountMinor: credit.amountMinor };
  await executeTogether(tx, [
    ...(changedFields.length
      ? [
          creditDetailsUpdateSql(credit.id, change),
          auditInsertSql({
            actor,
            action: "credit.update",
            entityType: "store_credit",
            entityId: credit.id,
            customerId: key.customerId,
            reason: input.note ?? null,
            before,
            after: { ...change, isExpiryReopened: undefined },
            details: { ...key, changedFields, note: input.note, ...approvalDetails(mode) },
          }),
        ]
      : []),
    ...(events.length ? ledgerAppendSql(key, { events, balanceMinor: balanceAfter }) : []),
    ...(changedFields.length
      ? [
          webhookEventSql(
            creditAdjustedEvent({
              creditId: credit.id,
              ...key,
              changeMinor: events[0]?.amountMinor ?? 0n,
              balanceMinor: balanceAfter,
              changedFields,
              reason: events[0]?.reason ?? null,
              operationId: events[0]?.operationId ?? null,
            }),
          ),
        ]
      : []),
    resultSql(result),
  ]);
  return result;
}
