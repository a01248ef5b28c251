// The SQL of issuing's fast path (issue-credit.ts): one read and one write, each its own
// statement and transaction, run by runSql on the pg pool under Prisma's adapter. The write is
// the credit_issue_write function (migration 20261203121500_credit_issue_function), which only
// makes the writes atomic; every rule stays in TypeScript. bench/sql/issue-credit.pgbench.sql
// is generated from these two statements (bench/lib/issue-credit-pgbench.ts; a unit test keeps
// it in step).
import { Prisma } from "@/prisma/generated/client";
import { issueContextSql, type IssueContext } from "./credits.repo";

/** Whose key: as idempotency.ts stores it. */
export type KeyRef = { actorScope: string; operation: string; key: string };

export type IssueLookupRow = IssueContext & { isKeyUsed: boolean };

/** The customer, the currency, the category (issueContextSql) and whether the key is used, in one row. */
export function issueLookupSql(ref: KeyRef, opts: { customerId: string; currency: string; categoryId: string }): Prisma.Sql {
  return Prisma.sql`
    SELECT EXISTS (SELECT 1 FROM idempotency_key
                   WHERE actor_id = ${ref.actorScope}::uuid AND operation = ${ref.operation}::text AND key = ${ref.key}::uuid) AS "isKeyUsed",
      ctx.*
    FROM (${issueContextSql(opts)}) ctx`;
}

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
  actorId: string;
  eventId: string;
  operationId: string;
  audit: { id: string; action: string; actorRole: string; after: string; details: string; ip: string | null; userAgent: string | null };
  notification: { id: string; kind: string; channel: string; recipient: string; body: string } | null;
};

/** 'written' with the balance after the credit, or why nothing was written ('key_taken', 'over_max'). */
export type IssueWriteRow = { outcome: "written" | "key_taken" | "over_max"; balanceMinor: string | bigint | null };

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
      ${n?.id ?? null}::uuid, ${n?.kind ?? null}::text, ${n?.channel ?? null}::text, ${n?.recipient ?? null}::text, ${n?.body ?? null}::text)`;
}
