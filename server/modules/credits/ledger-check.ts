import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";

export type LedgerMismatch = {
  customerId: string;
  currency: string;
  balanceMinor: bigint | null;
  ledgerSumMinor: bigint | null;
  creditsRemainingMinor: bigint | null;
  lastBalanceAfterMinor: bigint | null;
};

/**
 * Every (customer, currency) whose stored balance differs from the sum of its ledger, from the
 * sum of its credits' unused amounts, or from the balance after its latest event. Empty when the
 * books agree. Limit it to some customers, or check everything (the bench does, afterwards).
 */
export function findLedgerMismatches(db: DbTx, opts: { customerIds?: string[] } = {}) {
  const only = (column: Prisma.Sql) =>
    opts.customerIds ? Prisma.sql`WHERE ${column} = ANY(${opts.customerIds}::uuid[])` : Prisma.empty;
  return db.$queryRaw<LedgerMismatch[]>`
    WITH ledger AS (
      SELECT customer_id, currency, sum(amount_minor)::bigint AS total,
             (array_agg(balance_after_minor ORDER BY seq DESC))[1] AS last_after
      FROM credit_event ${only(Prisma.sql`customer_id`)} GROUP BY customer_id, currency
    ), credits AS (
      SELECT customer_id, currency, sum(amount_minor - used_minor - removed_minor)::bigint AS remaining
      FROM store_credit ${only(Prisma.sql`customer_id`)} GROUP BY customer_id, currency
    ), balances AS (
      SELECT customer_id, currency, balance_minor FROM credit_balance ${only(Prisma.sql`customer_id`)}
    )
    SELECT coalesce(b.customer_id, l.customer_id, c.customer_id) AS "customerId",
           coalesce(b.currency, l.currency, c.currency) AS currency,
           b.balance_minor AS "balanceMinor", l.total AS "ledgerSumMinor", c.remaining AS "creditsRemainingMinor",
           l.last_after AS "lastBalanceAfterMinor"
    FROM balances b
    FULL JOIN ledger l ON l.customer_id = b.customer_id AND l.currency = b.currency
    FULL JOIN credits c ON c.customer_id = coalesce(b.customer_id, l.customer_id) AND c.currency = coalesce(b.currency, l.currency)
    WHERE coalesce(b.balance_minor, 0) <> coalesce(l.total, 0)
       OR coalesce(b.balance_minor, 0) <> coalesce(c.remaining, 0)
       OR coalesce(b.balance_minor, 0) <> coalesce(l.last_after, 0)`;
}

/** Credits whose own events do not add up to what they have left (or that used more than they hold). */
export function findCreditMismatches(db: DbTx, opts: { customerIds?: string[] } = {}) {
  return db.$queryRaw<{ creditId: string; remainingMinor: bigint; eventSumMinor: bigint; usedMinor: bigint; amountMinor: bigint }[]>`
    SELECT sc.id AS "creditId", sc.amount_minor - sc.used_minor - sc.removed_minor AS "remainingMinor",
           coalesce(sum(e.amount_minor), 0)::bigint AS "eventSumMinor", sc.used_minor AS "usedMinor", sc.amount_minor AS "amountMinor"
    FROM store_credit sc LEFT JOIN credit_event e ON e.credit_id = sc.id
    ${opts.customerIds ? Prisma.sql`WHERE sc.customer_id = ANY(${opts.customerIds}::uuid[])` : Prisma.empty}
    GROUP BY sc.id
    HAVING sc.amount_minor - sc.used_minor - sc.removed_minor <> coalesce(sum(e.amount_minor), 0)
        OR sc.used_minor > sc.amount_minor`;
}

/**
 * Balances whose held_minor (what open holds set aside) differs from the sum of their PLACED holds
 * (server/modules/holds/). Holds are not ledger events, so the checks above hold regardless.
 */
export function findHeldMismatches(db: DbTx, opts: { customerIds?: string[] } = {}) {
  const only = opts.customerIds ? Prisma.sql`AND b.customer_id = ANY(${opts.customerIds}::uuid[])` : Prisma.empty;
  return db.$queryRaw<{ customerId: string; currency: string; heldMinor: bigint; placedMinor: bigint }[]>`
    SELECT b.customer_id AS "customerId", b.currency, b.held_minor AS "heldMinor",
      coalesce((SELECT sum(h.amount_minor) FROM credit_hold h
                WHERE h.customer_id = b.customer_id AND h.currency = b.currency AND h.status = 'PLACED'), 0)::bigint AS "placedMinor"
    FROM credit_balance b
    WHERE b.held_minor <> coalesce((SELECT sum(h.amount_minor) FROM credit_hold h
                                    WHERE h.customer_id = b.customer_id AND h.currency = b.currency AND h.status = 'PLACED'), 0) ${only}`;
}
