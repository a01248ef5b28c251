import { config } from "@/server/config";
import { getDb } from "@/server/db/client";
import { startBackgroundJob, type BackgroundJobOptions } from "@/server/lib/background-job";
import { deliverDueNotifications } from "./deliver-notifications";

/**
 * Delivers due customer messages every NOTIFICATIONS_DELIVER_INTERVAL_SECONDS (default 15; 0
 * turns it off). Several servers may all run it: claims skip each other's rows.
 */
export function startNotificationDelivery(opts: BackgroundJobOptions = {}): (() => void) | null {
  const seconds = config().NOTIFICATIONS_DELIVER_INTERVAL_SECONDS;
  const log = opts.log ?? console.log;
  return startBackgroundJob({
    name: "Notifications",
    intervalMs: opts.intervalMs ?? seconds * 1000,
    firstRunDelayMs: opts.firstRunDelayMs ?? 5_000,
    openDb: opts.db ?? getDb,
    log,
    job: async (db) => {
      const result = await deliverDueNotifications(db, { log });
      return result.sent > 0 || result.retried > 0 || result.failed > 0
        ? `${result.sent} sent, ${result.retried} retrying, ${result.failed} failed`
        : null;
    },
  });
}
