import type { Db } from "@/server/db/client";
import { moneyTransaction } from "@/server/lib/money-transaction";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { holdEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { executeTogether, lockBalanceAndHeld } from "@/server/modules/credits/ledger";
import { dueHoldKeys, dueHoldsForUpdate, heldChangeSql, holdsCloseSql } from "./holds.repo";

export type HoldExpiryResult = { expiredHolds: number; failures: number };

/**
 * The hold-expiry job: releases every hold still PLACED past its expiry, as EXPIRED, one
 * transaction per (customer, currency) that takes the balance lock first (as capture and release
 * do), then re-reads the due holds under it. So a hold is expired exactly once, however many runs
 * overlap, and never after a capture or release that got there first. A failing balance is logged
 * and left for the next run.
 */
export async function expireHolds(
  { db }: { db: Db },
  opts: { now?: Date; batchSize?: number; log?: (line: string) => void } = {},
): Promise<HoldExpiryResult> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 500;
  const result: HoldExpiryResult = { expiredHolds: 0, failures: 0 };
  const failed = new Set<string>();
  for (;;) {
    const keys = (await dueHoldKeys(db, now, batchSize)).filter((key) => !failed.has(`${key.customerId}:${key.currency}`));
    if (keys.length === 0) break;
    for (const key of keys) {
      try {
        result.expiredHolds += await moneyTransaction(db, async (tx) => {
          await lockBalanceAndHeld(tx, key);
          const due = await dueHoldsForUpdate(tx, key, now);
          if (due.length === 0) return 0;
          const releasedMinor = due.reduce((sum, hold) => sum + hold.amountMinor, 0n);
          await executeTogether(tx, [
            holdsCloseSql(
              due.map((hold) => hold.id),
              { status: "EXPIRED", closedAt: now },
            ),
            heldChangeSql(key, -releasedMinor),
            ...due.map((hold) =>
              auditInsertSql({
                actor: null,
                action: "hold.expire",
                entityType: "credit_hold",
                entityId: hold.id,
                customerId: key.customerId,
                before: { status: "PLACED" },
                after: { status: "EXPIRED" },
                details: { currency: key.currency, amountMinor: hold.amountMinor, orderRef: hold.orderRef, expiresAt: hold.expiresAt },
              }),
            ),
            ...due.map((hold) => webhookEventSql(holdEvent("hold.released", { ...hold, reason: "expired" }))),
          ]);
          return due.length;
        });
      } catch (error) {
        failed.add(`${key.customerId}:${key.currency}`);
        result.failures += 1;
        opts.log?.(`Hold expiry failed for customer ${key.customerId} (${key.currency}): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return result;
}
