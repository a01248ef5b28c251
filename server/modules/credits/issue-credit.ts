import type { ServiceContext } from "@/server/lib/service-context";
import { idempotentTransaction } from "@/server/lib/idempotency";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { issueContextSql, type IssueContext } from "./credits.repo";
import type { IssueCreditInput } from "./credits.schema";
import { assertGrantTarget, creditReceivedNotificationSql, grantCredit } from "./grant-credit";
import { executeTogether } from "./ledger";
import type { DbTx } from "@/server/db/client";
import type { Prisma } from "@/prisma/generated/client";
import type { Actor } from "@/server/lib/service-context";
import type { ApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { approvalDetails, DIRECT, limitGate, type ActionMode } from "@/server/modules/approvals/limit-gate";

export type IssueCreditResult = {
  creditId: string;
  customerId: string;
  currency: string;
  amountMinor: bigint;
  /** The customer's balance in this currency right after the credit. */
  balanceMinor: bigint;
  notificationId: string | null;
};

/**
 * Adds store credit: one credit, its ISSUED event, the balance, an audit row and (when asked) an
 * outbox notification, all in one transaction. This is the hot path (see bench/credits.ts), so
 * it makes as few round trips as it can.
 */
export function issueCredit({ db, actor }: ServiceContext, input: IssueCreditInput): Promise<IssueCreditResult | ApprovalPending> {
  // Round trips: claim + checks, savepoint, balance lock, one statement for all the writes, then COMMIT.
  const request = { actor, key: input.idempotencyKey, operation: "credit.issue", request: input, alongside: issueContextSql(input) };
  return idempotentTransaction<IssueCreditResult | ApprovalPending, IssueContext>(db, request, (tx, { row, resultSql }) =>
    issueCreditInTx(tx, actor, input, { row, resultSql, mode: DIRECT }),
  );
}

/**
 * The credit itself, inside a transaction that already holds the idempotency key (the caller's,
 * or an approved request's): `resultSql` stores the answer under that key.
 */
export async function issueCreditInTx(
  tx: DbTx,
  actor: Actor,
  input: IssueCreditInput,
  { row, resultSql, mode }: { row: IssueContext; resultSql: (result: IssueCreditResult) => Prisma.Sql; mode: ActionMode },
): Promise<IssueCreditResult | ApprovalPending> {
  const target = assertGrantTarget(row, input);
  // The built-in admin (the bench's actor) costs no round trip here.
  const limited = { kind: "credit", currency: input.currency, amountMinor: input.amountMinor } as const;
  const pending = await limitGate(tx, actor, mode, limited, { operation: "credit.issue", input, customerId: input.customerId, requesterNote: input.memo ?? null });
  if (pending) return pending;
  const key = { customerId: input.customerId, currency: input.currency };
  const granted = await grantCredit(tx, {
    key,
    amountMinor: input.amountMinor,
    categoryId: input.categoryId,
    memo: input.memo,
    expiresAt: input.expiresAt,
    paymentId: null,
    actorId: actor.id,
    eventType: "ISSUED",
  });
  const notificationId = input.notifyCustomer ? uuid7() : null;
  const result: IssueCreditResult = {
    creditId: granted.creditId,
    customerId: input.customerId,
    currency: input.currency,
    amountMinor: input.amountMinor,
    balanceMinor: granted.balanceMinor,
    notificationId,
  };
  await executeTogether(tx, [
    ...granted.statements,
    auditInsertSql({
      actor,
      action: "credit.issue",
      entityType: "store_credit",
      entityId: granted.creditId,
      customerId: input.customerId,
      after: { amountMinor: input.amountMinor, currency: input.currency, category: target.categoryName, expiresAt: input.expiresAt },
      details: {
        customerId: input.customerId,
        currency: input.currency,
        amountMinor: input.amountMinor,
        category: target.categoryName,
        memo: input.memo,
        expiresAt: input.expiresAt,
        notificationId,
        ...approvalDetails(mode),
      },
    }),
    ...(notificationId
      ? [creditReceivedNotificationSql({ id: notificationId, recipient: target, amountMinor: input.amountMinor, currency: input.currency, expiresAt: input.expiresAt, dateStyle: target.dateStyle })]
      : []),
    resultSql(result),
  ]);
  return result;
}
