import { config } from "@/server/config";
import { getDb } from "@/server/db/client";
import { startBackgroundJob, type BackgroundJobOptions } from "@/server/lib/background-job";
import { expireCredits } from "./expire-credits";

/**
 * Runs the expiry every CREDITS_EXPIRE_INTERVAL_MINUTES (default 10; 0 turns it off). Several
 * servers on one PostgreSQL may all run it: the balance locks and the processed marks make the
 * runs safe to overlap.
 */
export function startCreditExpirySchedule(opts: BackgroundJobOptions = {}): (() => void) | null {
  const minutes = config().CREDITS_EXPIRE_INTERVAL_MINUTES;
  const log = opts.log ?? console.log;
  return startBackgroundJob({
    name: "Credit expiry",
    intervalMs: opts.intervalMs ?? minutes * 60_000,
    firstRunDelayMs: opts.firstRunDelayMs ?? 30_000,
    openDb: opts.db ?? getDb,
    log,
    job: async (db) => {
      const result = await expireCredits({ db }, { log });
      return result.expiredCredits > 0 || result.failures > 0
        ? `${result.expiredCredits} credits expired, ${result.failures} balances failed`
        : null;
    },
  });
}
