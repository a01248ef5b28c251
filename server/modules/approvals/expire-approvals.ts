import type { Db } from "@/server/db/client";
import { moneyTransaction } from "@/server/lib/money-transaction";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { executeTogether } from "@/server/modules/credits/ledger";
import { expireDueApprovals, rejectBulkBatchSql } from "./approvals.repo";

/**
 * Marks requests undecided past their 7 days EXPIRED, in batches, each with its audit row (system
 * actor) in the same transaction. Only the decision is written; nothing moves. Safe to run at any
 * time and on several servers at once (SKIP LOCKED, and a request is expired only while PENDING).
 */
export async function expireApprovals({ db }: { db: Db }, now = new Date()): Promise<{ expired: number }> {
  let expired = 0;
  for (;;) {
    const batch = await moneyTransaction(db, async (tx) => {
      const rows = await expireDueApprovals(tx, now);
      if (rows.length) {
        await executeTogether(tx, [
          ...rows.filter((row) => row.operation === "credit.bulk").map((row) => rejectBulkBatchSql(row.id)),
          ...rows.map((row) =>
            auditInsertSql({
              actor: null,
              action: "approval.expire",
              entityType: "approval_request",
              entityId: row.id,
              customerId: row.customerId,
              reason: "Not decided within 7 days",
              before: { status: "PENDING" },
              after: { status: "EXPIRED" },
              details: { operation: row.operation, requestedById: row.requesterId },
            }),
          ),
        ]);
      }
      return rows.length;
    });
    expired += batch;
    if (batch === 0) return { expired };
  }
}
