// Counts the dashboard shows beside the ledger's figures.
import type { DbTx } from "@/server/db/client";

export async function dashboardCounts(db: DbTx): Promise<{ pendingApprovals: number; failedNotifications: number; pendingRefunds: number }> {
  const rows = await db.$queryRaw<{ pendingApprovals: number; failedNotifications: number; pendingRefunds: number }[]>`
    SELECT (SELECT count(*) FROM approval_request WHERE status = 'PENDING')::int AS "pendingApprovals",
           (SELECT count(*) FROM notification WHERE status = 'FAILED')::int AS "failedNotifications",
           (SELECT count(*) FROM refund WHERE status = 'PENDING')::int AS "pendingRefunds"`;
  return rows[0]!;
}

export type DashboardRefundRow = { day: Date; currency: string; status: string; refundCount: number; amountMinor: bigint };

/**
 * Refunds per UTC day, currency and status in [from, to): all the dashboard shows of them. Not the
 * Refunds report's groups (activity.repo.ts refundGroups), whose payment join (time to refund),
 * staff and reasons the dashboard does not need and which cost it most of its time.
 */
export const dashboardRefundDays = (db: DbTx, r: { from: Date; to: Date }) => db.$queryRaw<DashboardRefundRow[]>`
  SELECT (created_at AT TIME ZONE 'UTC')::date AS "day", currency::text AS "currency", status::text AS "status",
         count(*)::int AS "refundCount", sum(amount_minor)::bigint AS "amountMinor"
  FROM refund
  WHERE created_at >= ${r.from} AND created_at < ${r.to}
  GROUP BY 1, 2, 3`;
