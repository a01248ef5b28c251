import type { DbTx } from "@/server/db/client";

/** Daily totals a staff member accrues; set_balance increases count as "credit". */
export type UsageKind = "credit" | "refund";

/** Serialises one staff member's money actions in one currency until the transaction ends. */
export async function lockUsage(tx: DbTx, staffId: string, currency: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`limit_usage:${staffId}:${currency}`}, 0))`;
}

/** What the staff member moved directly in the last 24 hours, per kind. */
export async function usageInLastDay(tx: DbTx, staffId: string, currency: string): Promise<Record<UsageKind, bigint>> {
  const rows = await tx.$queryRaw<{ kind: UsageKind; total: bigint }[]>`
    SELECT kind, SUM(amount_minor)::bigint AS total FROM limit_usage
    WHERE staff_id = ${staffId}::uuid AND currency = ${currency} AND at > now() - interval '24 hours'
    GROUP BY kind`;
  const used: Record<UsageKind, bigint> = { credit: 0n, refund: 0n };
  for (const row of rows) used[row.kind] = row.total;
  return used;
}

export async function recordUsage(tx: DbTx, entries: { staffId: string; kind: UsageKind; currency: string; amountMinor: bigint }[]): Promise<void> {
  for (const e of entries) {
    await tx.$executeRaw`INSERT INTO limit_usage (id, staff_id, kind, currency, amount_minor)
      VALUES (gen_random_uuid(), ${e.staffId}::uuid, ${e.kind}, ${e.currency}, ${e.amountMinor})`;
  }
}
