import { getDb, type Db } from "@/server/db/client";
import { reconcilePendingRefunds } from "./reconcile-refunds";

export const DEFAULT_RECONCILE_INTERVAL_SECONDS = 60;

/**
 * Reconciles PENDING refunds every REFUNDS_RECONCILE_INTERVAL_SECONDS (default 60; 0 turns it
 * off) while the server runs; started from instrumentation.ts. Runs never overlap; overlapping
 * runs on several servers are safe (gateway keys, conditional settle). Returns a stop function,
 * or null when off.
 */
export function startRefundReconcileSchedule(opts: { db?: () => Promise<Db>; intervalMs?: number; log?: (line: string) => void } = {}) {
  const seconds = Number(process.env.REFUNDS_RECONCILE_INTERVAL_SECONDS ?? DEFAULT_RECONCILE_INTERVAL_SECONDS);
  const intervalMs = opts.intervalMs ?? seconds * 1000;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) return null;
  const openDb = opts.db ?? getDb;
  const log = opts.log ?? console.log;

  let isRunning = false;
  const timer = setInterval(() => {
    if (isRunning) return;
    isRunning = true;
    void (async () => {
      try {
        const result = await reconcilePendingRefunds(await openDb());
        if (result.checked > 0) {
          log(`Refund reconcile: ${result.succeeded} succeeded, ${result.failed} failed, ${result.stillPending} still pending`);
        }
      } catch (error) {
        log(`Refund reconcile failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        isRunning = false;
      }
    })();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
