// The SQL of issuing's fast path (issue-credit.ts): one statement, its own transaction, run by
// runSql on the pg pool under Prisma's adapter: the credit_issue_write function (migration
// 20261203121500_credit_issue_function, for API keys too since 20261204190000_credit_issue_api_key), which makes the writes atomic and fills in what only the
// database knows (the category's name, the notification's address, the balance); the rules stay
// in TypeScript. bench/sql/issue-credit.pgbench.sql is generated from this statement
// (bench/lib/issue-credit-pgbench.ts; a unit test keeps it in step).
import { Prisma } from "@/prisma/generated/client";

/** Whose key: as idempotency.ts stores it. */
export type KeyRef = { actorScope: string; operation: string; key: string };

export type IssueWrite = KeyRef & {
  requestHash: string;
  /** The stored answer (superjson) with a placeholder at `resultBalancePath`, which the function fills. */
  resultJson: string;
  resultBalancePath: string[];
  customerId: string;
  currency: string;
  amountMinor: bigint;
  maxBalanceMinor: bigint;
  creditId: string;
  categoryId: string;
  memo: string | null;
  expiresAt: Date | null;
  /** The staff member, or null for an API key's credit (apiKeyId). */
  actorId: string | null;
  apiKeyId: string | null;
  /** An API key's request: the idempotency key's in-flight lock (inFlightLockName), else null. */
  inFlightLock: string | null;
  eventId: string;
  operationId: string;
  /** `after` and `details` carry a "category" key, which the function sets to the category's name. */
  audit: { id: string; action: string; actorRole: string | null; after: string; details: string; ip: string | null; userAgent: string | null };
  /** Sent by SMS to the customer's phone, else by email (channelFor's rule, applied by the function). */
  notification: { id: string; kind: string; body: string } | null;
};

/** 'written' with the balance after the credit, or why nothing was written ('not_ready', 'key_busy', 'key_taken', 'over_max'). */
export type IssueWriteRow = { outcome: "written" | "not_ready" | "key_busy" | "key_taken" | "over_max"; balanceMinor: string | bigint | null };

export function issueWriteSql(w: IssueWrite): Prisma.Sql {
  const n = w.notification;
  return Prisma.sql`
    SELECT outcome, "balanceMinor" FROM credit_issue_write(
      ${w.actorScope}::uuid, ${w.operation}::text, ${w.key}::uuid, ${w.requestHash}::text,
      ${w.resultJson}::jsonb, ${w.resultBalancePath}::text[],
      ${w.customerId}::uuid, ${w.currency}::text, ${w.amountMinor}::bigint, ${w.maxBalanceMinor}::bigint,
      ${w.creditId}::uuid, ${w.categoryId}::uuid, ${w.memo}::text, ${w.expiresAt}::timestamptz, ${w.actorId}::uuid,
      ${w.eventId}::uuid, ${w.operationId}::uuid,
      ${w.audit.id}::uuid, ${w.audit.action}::text, ${w.audit.actorRole}::text, ${w.audit.after}::jsonb, ${w.audit.details}::jsonb,
      ${w.audit.ip}::text, ${w.audit.userAgent}::text,
      ${n?.id ?? null}::uuid, ${n?.kind ?? null}::text, ${n?.body ?? null}::text,
      ${w.apiKeyId}::uuid, ${w.inFlightLock}::text)`;
}
