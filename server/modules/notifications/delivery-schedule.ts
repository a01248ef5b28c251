import { getDb, type Db } from "@/server/db/client";
import { deliverDueNotifications } from "./deliver-notifications";

export const DEFAULT_DELIVER_INTERVAL_SECONDS = 15;

type ScheduleOptions = {
  /** The server's own client: PGlite allows one opener per data folder, so never open a second. */
  db?: () => Promise<Db>;
  intervalMs?: number;
  firstRunDelayMs?: number;
  log?: (line: string) => void;
};

/**
 * Delivers due customer messages every NOTIFICATIONS_DELIVER_INTERVAL_SECONDS (default 15; 0
 * turns it off) while the server runs; started from instrumentation.ts. Runs never overlap; a
 * failed run is logged and the next one tries again. Several servers may all run it: claims skip
 * each other's rows. Returns a stop function, or null when off.
 */
export function startNotificationDelivery(opts: ScheduleOptions = {}): (() => void) | null {
  const seconds = Number(process.env.NOTIFICATIONS_DELIVER_INTERVAL_SECONDS ?? DEFAULT_DELIVER_INTERVAL_SECONDS);
  const intervalMs = opts.intervalMs ?? seconds * 1000;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) return null;
  const openDb = opts.db ?? getDb;
  const log = opts.log ?? console.log;

  let isRunning = false;
  const run = async () => {
    if (isRunning) return;
    isRunning = true;
    try {
      const result = await deliverDueNotifications(await openDb(), { log });
      if (result.sent > 0 || result.retried > 0 || result.failed > 0) {
        log(`Notifications: ${result.sent} sent, ${result.retried} retrying, ${result.failed} failed`);
      }
    } catch (error) {
      log(`Notification delivery run failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      isRunning = false;
    }
  };
  // Timers are unref'd: they never keep a process alive on their own.
  const first = setTimeout(() => void run(), opts.firstRunDelayMs ?? 5_000);
  const every = setInterval(() => void run(), intervalMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
