// Statements of the store-credit liability report and of the ledger roll-up that keeps it fast.
// Times are compared as timestamptz; days are UTC days (`created_at AT TIME ZONE 'UTC'`).
import { Prisma } from "@/prisma/generated/client";
import type { CreditEventType } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";

/** `'-infinity'` or an ISO instant / date: PostgreSQL casts both. */
export type SqlBound = string;

/** One total of credit_event rows: per day or month (null when not bucketed), currency, category and type. */
export type MovementRow = {
  bucket: Date | null;
  currency: string;
  categoryId: string;
  type: CreditEventType;
  amountMinor: bigint;
  eventCount: number;
};

export type MovementQuery = {
  /** Events at or after `from` (`-infinity` for the start of the ledger) and before `to`. */
  from: SqlBound;
  to: SqlBound;
  /** Whole UTC hours read from credit_ledger_hour instead: [coverFrom, coverTo), inside [from, to). */
  coverFrom: SqlBound;
  coverTo: SqlBound;
  bucket: "none" | "day" | "month";
};

/**
 * Sums of the ledger over [from, to): the rolled-up hours of the cover plus the raw events at the
 * range's edges (before the cover and after it, e.g. today's events), one statement.
 */
export function sumMovements(db: DbTx, q: MovementQuery): Promise<MovementRow[]> {
  const bucket = { none: Prisma.sql`NULL::date`, day: Prisma.sql`x.day`, month: Prisma.sql`date_trunc('month', x.day)::date` }[q.bucket];
  return db.$queryRaw<MovementRow[]>`
    SELECT ${bucket} AS "bucket", x.currency::text AS "currency", x.category_id::text AS "categoryId", x.type::text AS "type",
           sum(x.amount)::bigint AS "amountMinor", sum(x.n)::int AS "eventCount"
    FROM (
      SELECT (d.hour AT TIME ZONE 'UTC')::date AS day, d.currency, d.category_id, d.type, d.amount_minor AS amount, d.event_count AS n
        FROM credit_ledger_hour d
        WHERE d.hour >= ${q.coverFrom}::timestamptz AND d.hour < ${q.coverTo}::timestamptz
      UNION ALL
      SELECT (e.created_at AT TIME ZONE 'UTC')::date, e.currency, sc.category_id, e.type, e.amount_minor, 1
        FROM credit_event e JOIN store_credit sc ON sc.id = e.credit_id
        WHERE e.created_at >= ${q.from}::timestamptz AND e.created_at < ${q.coverFrom}::timestamptz
      UNION ALL
      SELECT (e.created_at AT TIME ZONE 'UTC')::date, e.currency, sc.category_id, e.type, e.amount_minor, 1
        FROM credit_event e JOIN store_credit sc ON sc.id = e.credit_id
        WHERE e.created_at >= ${q.coverTo}::timestamptz AND e.created_at < ${q.to}::timestamptz
    ) x
    GROUP BY 1, 2, 3, 4
    ORDER BY 1 NULLS FIRST, 2, 3, 4`;
}

export type RollupState = { closedThrough: Date; compactedThrough: Date };

/** Where the roll-up stands (null before its first run). */
export async function findRollupState(db: DbTx): Promise<RollupState | null> {
  const rows = await db.$queryRaw<RollupState[]>`
    SELECT closed_through AS "closedThrough", compacted_through AS "compactedThrough" FROM ledger_rollup WHERE id = 1`;
  return rows[0] ?? null;
}

/** Serialises roll-ups (two servers' job runs, a rebuild) for the rest of the transaction. */
export const lockRollup = (tx: DbTx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('creditdesk.ledger_rollup'))`;

export async function firstEventAt(tx: DbTx): Promise<Date | null> {
  const rows = await tx.$queryRaw<{ at: Date | null }[]>`SELECT min(created_at) AS "at" FROM credit_event`;
  return rows[0]?.at ?? null;
}

/** Recomputes the buckets in [from, to) of credit_ledger_hour from the ledger, as hours or as whole days. */
export async function rewriteLedgerBuckets(tx: DbTx, opts: { from: SqlBound; to: SqlBound; unit: "hour" | "day" }): Promise<number> {
  await tx.$executeRaw`DELETE FROM credit_ledger_hour WHERE hour >= ${opts.from}::timestamptz AND hour < ${opts.to}::timestamptz`;
  return tx.$executeRaw`
    INSERT INTO credit_ledger_hour (hour, currency, category_id, type, amount_minor, event_count)
    SELECT date_trunc(${Prisma.raw(opts.unit === "day" ? "'day'" : "'hour'")}, e.created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', e.currency, sc.category_id, e.type, sum(e.amount_minor)::bigint, count(*)::int
      FROM credit_event e JOIN store_credit sc ON sc.id = e.credit_id
      WHERE e.created_at >= ${opts.from}::timestamptz AND e.created_at < ${opts.to}::timestamptz
      GROUP BY 1, 2, 3, 4`;
}

export const saveRollupState = (tx: DbTx, state: RollupState) => tx.$executeRaw`
  INSERT INTO ledger_rollup (id, closed_through, compacted_through, updated_at) VALUES (1, ${state.closedThrough}::timestamptz, ${state.compactedThrough}::timestamptz, now())
  ON CONFLICT (id) DO UPDATE SET closed_through = EXCLUDED.closed_through, compacted_through = EXCLUDED.compacted_through, updated_at = now()`;

/** Aging bucket keys, as the CASE expressions below name them. */
export const ISSUE_AGE_BUCKETS = ["0-30", "31-90", "91-180", "181-365", "over-365"] as const;
export const EXPIRY_BUCKETS = ["past", "30", "60", "90", "later", "never"] as const;
export type IssueAgeBucket = (typeof ISSUE_AGE_BUCKETS)[number];
export type ExpiryBucket = (typeof EXPIRY_BUCKETS)[number];

export type AgingRow = { currency: string; issueAge: IssueAgeBucket; expiry: ExpiryBucket; amountMinor: bigint; creditCount: number };

/** Whole days from the credit's issue to the instant, and the expiry's distance from it, as buckets. */
const agingBuckets = (at: string) => Prisma.sql`
  CASE WHEN ${at}::timestamptz - sc.created_at < interval '31 days' THEN '0-30'
       WHEN ${at}::timestamptz - sc.created_at < interval '91 days' THEN '31-90'
       WHEN ${at}::timestamptz - sc.created_at < interval '181 days' THEN '91-180'
       WHEN ${at}::timestamptz - sc.created_at < interval '366 days' THEN '181-365'
       ELSE 'over-365' END AS "issueAge",
  CASE WHEN sc.expires_at IS NULL THEN 'never'
       WHEN sc.expires_at <= ${at}::timestamptz THEN 'past'
       WHEN sc.expires_at <= ${at}::timestamptz + interval '30 days' THEN '30'
       WHEN sc.expires_at <= ${at}::timestamptz + interval '60 days' THEN '60'
       WHEN sc.expires_at <= ${at}::timestamptz + interval '90 days' THEN '90'
       ELSE 'later' END AS "expiry"`;

/** The outstanding balance now, from each credit's remainder (kept in the same transaction as its events). */
export function agingNow(db: DbTx, at: string): Promise<AgingRow[]> {
  return db.$queryRaw<AgingRow[]>`
    SELECT sc.currency::text AS "currency", ${agingBuckets(at)},
           sum(sc.amount_minor - sc.used_minor - sc.removed_minor)::bigint AS "amountMinor", count(*)::int AS "creditCount"
    FROM store_credit sc
    WHERE sc.amount_minor - sc.used_minor - sc.removed_minor <> 0
    GROUP BY 1, 2, 3`;
}

/** The outstanding balance before `before`, per credit from the ledger. */
export function agingAt(db: DbTx, before: string): Promise<AgingRow[]> {
  return db.$queryRaw<AgingRow[]>`
    SELECT sc.currency::text AS "currency", ${agingBuckets(before)},
           sum(b.remaining)::bigint AS "amountMinor", count(*)::int AS "creditCount"
    FROM (
      SELECT e.credit_id, sum(e.amount_minor) AS remaining FROM credit_event e
      WHERE e.created_at < ${before}::timestamptz GROUP BY e.credit_id HAVING sum(e.amount_minor) <> 0
    ) b JOIN store_credit sc ON sc.id = b.credit_id
    GROUP BY 1, 2, 3`;
}

export const listCategoryNames = (db: DbTx) =>
  db.$queryRaw<{ id: string; name: string }[]>`SELECT id::text AS "id", name FROM credit_category ORDER BY name`;
