// Counts the dashboard shows beside the ledger's figures.
import type { DbTx } from "@/server/db/client";

export async function dashboardCounts(db: DbTx): Promise<{ pendingApprovals: number; failedNotifications: number; pendingRefunds: number }> {
  const rows = await db.$queryRaw<{ pendingApprovals: number; failedNotifications: number; pendingRefunds: number }[]>`
    SELECT (SELECT count(*) FROM approval_request WHERE status = 'PENDING')::int AS "pendingApprovals",
           (SELECT count(*) FROM notification WHERE status = 'FAILED')::int AS "failedNotifications",
           (SELECT count(*) FROM refund WHERE status = 'PENDING')::int AS "pendingRefunds"`;
  return rows[0]!;
}
