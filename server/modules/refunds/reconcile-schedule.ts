import { config } from "@/server/config";
import { getDb } from "@/server/db/client";
import { startBackgroundJob, type BackgroundJobOptions } from "@/server/lib/background-job";
import { reconcilePendingRefunds } from "./reconcile-refunds";

/**
 * Reconciles PENDING refunds every REFUNDS_RECONCILE_INTERVAL_SECONDS (default 60; 0 turns it
 * off). Overlapping runs on several servers are safe: gateway keys and the conditional settle.
 */
export function startRefundReconcileSchedule(opts: BackgroundJobOptions = {}): (() => void) | null {
  const seconds = config().REFUNDS_RECONCILE_INTERVAL_SECONDS;
  return startBackgroundJob({
    name: "Refund reconcile",
    intervalMs: opts.intervalMs ?? seconds * 1000,
    firstRunDelayMs: opts.firstRunDelayMs ?? 20_000,
    openDb: opts.db ?? getDb,
    log: opts.log ?? console.log,
    job: async (db) => {
      const result = await reconcilePendingRefunds(db);
      return result.checked > 0 ? `${result.succeeded} succeeded, ${result.failed} failed, ${result.stillPending} still pending` : null;
    },
  });
}
