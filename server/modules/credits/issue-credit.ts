import type { ApiKeyRef, CallerContext } from "@/server/lib/service-context";
import { idempotentTransaction, inFlightLockName, keyRowOf, keyScopeOf, storedResultJson, type IdempotentRequest } from "@/server/lib/idempotency";
import { AppError } from "@/server/lib/app-error";
import { maxMinorUnits } from "@/server/lib/money";
import { DEFAULT_DATE_STYLE } from "@/server/lib/dates";
import { uuid7 } from "@/server/lib/uuid7";
import { runSql, type DbTx } from "@/server/db/client";
import { auditInsertSql, toAuditJson, type AuditEntry } from "@/server/modules/audit/audit.repo";
import { hasNoLimits } from "@/server/modules/limits/check-limit";
import { issueContextSql, type IssueContext } from "./credits.repo";
import type { IssueCreditInput } from "./credits.schema";
import { assertGrantTarget, CREDIT_RECEIVED_KIND, creditReceivedMessage, creditReceivedNotificationSql, grantCredit } from "./grant-credit";
import { issueWriteSql, type IssueWrite, type IssueWriteRow } from "./issue-credit.sql";
import { executeTogether } from "./ledger";
import { creditIssuedEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { Prisma } from "@/prisma/generated/client";
import type { Actor, ServiceContext } from "@/server/lib/service-context";
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

const OPERATION = "credit.issue";

/**
 * Adds store credit: one credit, its ISSUED event, the balance, an audit row and (when asked) an
 * outbox notification, all in one transaction. This is the hot path (see bench/credits.ts):
 *
 * - fast path (issueCreditFast): the common case, a fresh key whose checks pass for an actor
 *   without limits or an API key, in one statement (its own transaction);
 * - general path: everything else (replays, refusals, limits and approvals, a lost race), in
 *   one idempotent money transaction. The fast path never answers anything the general path
 *   would answer differently: when in doubt it writes nothing and hands over.
 */
export async function issueCredit(ctx: CallerContext, input: IssueCreditInput): Promise<IssueCreditResult | ApprovalPending> {
  return (await issueCreditFast(ctx, input)) ?? issueCreditGeneral(ctx, input);
}

/**
 * A staff member's key is theirs; an API key's requests are scoped to that key and a concurrent
 * duplicate is refused as retryable (Stripe's rule for its API) instead of waiting for the first.
 */
function idempotentRequestOf({ actor, apiKey }: CallerContext, input: IssueCreditInput): IdempotentRequest {
  const scope = keyScopeOf({ actor, apiKeyId: apiKey?.id ?? null });
  if (!scope.actor) throw new AppError("INTERNAL", "A credit is issued by a staff member or an API key");
  return { ...scope, key: input.idempotencyKey, operation: OPERATION, request: input };
}

/**
 * One round trip: credit_issue_write checks the customer, currency and category (as a guard:
 * assertGrantTarget words the refusals), claims the key, raises the balance and writes every row
 * and the key's answer as one statement. Null (nothing written) when the general path must answer.
 */
export async function issueCreditFast(ctx: CallerContext, input: IssueCreditInput): Promise<IssueCreditResult | null> {
  const { db, actor } = ctx;
  const apiKey = ctx.apiKey ?? null;
  // Staff without money limits, or an API key (limits and approvals are staff rules: the key's
  // scope is its limit), the same statement for both; anyone else goes through the limit gate.
  if ((actor ? !hasNoLimits(actor) : !apiKey) || hasDatedMessage(input)) return null;
  const request = idempotentRequestOf(ctx, input);
  // A key still held by a concurrent duplicate ('key_busy') is the general path's to refuse (409).
  const write = issueWriteOf({ actor, apiKey }, input, keyRowOf(request), request.refuseConcurrent ? inFlightLockName(request) : null);
  const [written] = await runSql<IssueWriteRow>(db, issueWriteSql(write), { name: "credit_issue_write" });
  if (written?.outcome !== "written" || written.balanceMinor === null) return null;
  return { ...resultOf(input, write.creditId, write.notification?.id ?? null), balanceMinor: BigInt(written.balanceMinor) };
}

/**
 * Several fast paths in one statement and one transaction (one commit for all): bulk credit's
 * chunks. Answers each input's result, or null where the general path must answer (nothing was
 * written for that input). A statement that fails (a deadlock between chunks) writes nothing at
 * all; the caller then issues those inputs one by one.
 */
export async function issueCreditsFast({ db, actor }: ServiceContext, inputs: IssueCreditInput[]): Promise<(IssueCreditResult | null)[]> {
  if (!hasNoLimits(actor)) return inputs.map(() => null);
  const writes = inputs.map((input) => (hasDatedMessage(input) ? null : issueWriteOf({ actor, apiKey: null }, input, keyRowOf(idempotentRequestOf({ db, actor }, input)))));
  // Balances locked in one order (customer, currency), so two such statements never deadlock.
  const order = writes
    .flatMap((write, index) => (write ? [{ write, index }] : []))
    .sort((a, b) => `${a.write.customerId}${a.write.currency}`.localeCompare(`${b.write.customerId}${b.write.currency}`));
  const parts = order.map(({ write, index }) => Prisma.sql`SELECT ${index}::int AS "index", w.outcome, w."balanceMinor" FROM (${issueWriteSql(write)}) w`);
  if (parts.length === 0) return inputs.map(() => null);
  const rows = await runSql<IssueWriteRow & { index: number }>(db, Prisma.join(parts, " UNION ALL "));
  const results: (IssueCreditResult | null)[] = inputs.map(() => null);
  for (const row of rows) {
    const write = writes[row.index];
    if (!write || row.outcome !== "written" || row.balanceMinor === null) continue;
    const input = inputs[row.index]!;
    results[row.index] = { ...resultOf(input, write.creditId, write.notification?.id ?? null), balanceMinor: BigInt(row.balanceMinor) };
  }
  return results;
}

/**
 * Everything credit_issue_write writes, built here from the checked input: the ids, the audit row,
 * the notification (channel and text by the outbox's own rules) and the key's answer. Pure, so
 * bench/lib/issue-credit-pgbench.ts can print the same statement for pgbench.
 */
export function issueWriteOf(
  { actor, apiKey }: { actor: Actor | null; apiKey: ApiKeyRef | null },
  input: IssueCreditInput,
  keyRow: ReturnType<typeof keyRowOf>,
  inFlightLock: string | null = null,
): IssueWrite {
  if (hasDatedMessage(input)) throw new Error("A message naming an expiry date is written by the general path, which reads the store's date style");
  const creditId = uuid7();
  const notificationId = input.notifyCustomer ? uuid7() : null;
  // The balance is the database's to fill in (credit_issue_write puts it at resultBalancePath).
  const result: IssueCreditResult = { ...resultOf(input, creditId, notificationId), balanceMinor: 0n };
  // The category's name is the database's to fill in too ("category" in both JSON objects).
  const audit = issueAuditEntry({ actor, apiKey }, input, { creditId, categoryName: null, notificationId, mode: DIRECT });
  return {
    ...keyRow,
    resultJson: storedResultJson(result),
    resultBalancePath: ["json", "balanceMinor"],
    customerId: input.customerId,
    currency: input.currency,
    amountMinor: input.amountMinor,
    maxBalanceMinor: maxMinorUnits(input.currency),
    creditId,
    categoryId: input.categoryId,
    memo: input.memo,
    expiresAt: input.expiresAt,
    actorId: actor?.id ?? null,
    apiKeyId: apiKey?.id ?? null,
    inFlightLock,
    eventId: uuid7(),
    operationId: uuid7(),
    audit: {
      id: uuid7(),
      action: audit.action,
      actorRole: actor?.role ?? null,
      after: toAuditJson(audit.after!),
      details: toAuditJson(audit.details!),
      ip: actor?.request?.ip ?? null,
      userAgent: actor?.request?.userAgent ?? null,
    },
    notification: notificationId
      ? {
          id: notificationId,
          kind: CREDIT_RECEIVED_KIND,
          // No date in it (hasDatedMessage), so the store's date style does not change it.
          body: creditReceivedMessage(input.amountMinor, input.currency, null, DEFAULT_DATE_STYLE),
        }
      : null,
  };
}

/**
 * The customer's message names the expiry date in the store's date style, a setting read in the
 * general path's transaction; the one-statement fast path does not read it, so it leaves these.
 */
const hasDatedMessage = (input: IssueCreditInput) => input.notifyCustomer && input.expiresAt !== null;

export function issueCreditGeneral(ctx: CallerContext, input: IssueCreditInput): Promise<IssueCreditResult | ApprovalPending> {
  // Round trips: claim + checks, savepoint, balance lock, one statement for all the writes, then COMMIT.
  const request = { ...idempotentRequestOf(ctx, input), alongside: issueContextSql(input) };
  return idempotentTransaction<IssueCreditResult | ApprovalPending, IssueContext>(ctx.db, request, (tx, { row, resultSql }) =>
    issueCreditInTx(tx, ctx.actor, input, { row, resultSql, mode: DIRECT, apiKey: ctx.apiKey ?? null }),
  );
}

const resultOf = (input: IssueCreditInput, creditId: string, notificationId: string | null) => ({
  creditId,
  customerId: input.customerId,
  currency: input.currency,
  amountMinor: input.amountMinor,
  notificationId,
});

/** The audit row of an issue, the same on both paths. */
function issueAuditEntry(
  { actor, apiKey }: { actor: Actor | null; apiKey: ApiKeyRef | null },
  input: IssueCreditInput,
  { creditId, categoryName, notificationId, mode }: { creditId: string; categoryName: string | null; notificationId: string | null; mode: ActionMode },
): AuditEntry {
  return {
    actor,
    apiKeyId: apiKey?.id ?? null,
    action: OPERATION,
    entityType: "store_credit",
    entityId: creditId,
    customerId: input.customerId,
    after: { amountMinor: input.amountMinor, currency: input.currency, category: categoryName, expiresAt: input.expiresAt },
    details: {
      customerId: input.customerId,
      currency: input.currency,
      amountMinor: input.amountMinor,
      category: categoryName,
      memo: input.memo,
      expiresAt: input.expiresAt,
      notificationId,
      ...approvalDetails(mode),
      ...(apiKey ? { apiKeyName: apiKey.name } : {}),
    },
  };
}

/**
 * The credit itself, inside a transaction that already holds the idempotency key (the caller's,
 * or an approved request's): `resultSql` stores the answer under that key.
 */
export async function issueCreditInTx(
  tx: DbTx,
  actor: Actor | null,
  input: IssueCreditInput,
  opts: { row: IssueContext; resultSql: (result: IssueCreditResult) => Prisma.Sql; mode: ActionMode; apiKey?: ApiKeyRef | null },
): Promise<IssueCreditResult | ApprovalPending> {
  const { row, resultSql, mode } = opts;
  const apiKey = opts.apiKey ?? null;
  const target = assertGrantTarget(row, input);
  // Money limits and approvals are staff rules; an API key's scope is its limit. The built-in
  // admin (the bench's actor) costs no round trip here.
  if (actor) {
    const limited = { kind: "credit", currency: input.currency, amountMinor: input.amountMinor } as const;
    const pending = await limitGate(tx, actor, mode, limited, { operation: OPERATION, input, customerId: input.customerId, requesterNote: input.memo ?? null });
    if (pending) return pending;
  }
  const key = { customerId: input.customerId, currency: input.currency };
  const granted = await grantCredit(tx, {
    key,
    amountMinor: input.amountMinor,
    categoryId: input.categoryId,
    memo: input.memo,
    expiresAt: input.expiresAt,
    paymentId: null,
    actorId: actor?.id ?? null,
    apiKeyId: apiKey?.id ?? null,
    eventType: "ISSUED",
  });
  const notificationId = input.notifyCustomer ? uuid7() : null;
  const result: IssueCreditResult = { ...resultOf(input, granted.creditId, notificationId), balanceMinor: granted.balanceMinor };
  await executeTogether(tx, [
    ...granted.statements,
    auditInsertSql(issueAuditEntry({ actor, apiKey }, input, { creditId: granted.creditId, categoryName: target.categoryName, notificationId, mode })),
    // The same row credit_issue_write writes on the fast path (the ledger operation's id is the event's).
    webhookEventSql(
      creditIssuedEvent({ creditId: granted.creditId, ...key, amountMinor: input.amountMinor, balanceMinor: granted.balanceMinor, categoryName: target.categoryName, expiresAt: input.expiresAt, memo: input.memo }),
      granted.operationId,
    ),
    ...(notificationId
      ? [creditReceivedNotificationSql({ id: notificationId, recipient: target, amountMinor: input.amountMinor, currency: input.currency, expiresAt: input.expiresAt, dateStyle: target.dateStyle })]
      : []),
    resultSql(result),
  ]);
  return result;
}
