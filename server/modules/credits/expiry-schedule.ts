import { getDb, type Db } from "@/server/db/client";
import { expireCredits } from "./expire-credits";

export const DEFAULT_EXPIRY_INTERVAL_MINUTES = 10;

type ScheduleOptions = {
  /** The server's own client: PGlite allows one opener per data folder, so never open a second. */
  db?: () => Promise<Db>;
  intervalMs?: number;
  firstRunDelayMs?: number;
  log?: (line: string) => void;
};

/**
 * Runs the expiry every CREDITS_EXPIRE_INTERVAL_MINUTES (default 10; 0 turns it off) while the
 * server runs; started from instrumentation.ts. Runs never overlap; a failed run is logged and the
 * next one tries again. Several servers on one PostgreSQL may all run it: the balance locks and the
 * processed marks make the runs safe to overlap. Returns a stop function, or null when off.
 */
export function startCreditExpirySchedule(opts: ScheduleOptions = {}): (() => void) | null {
  const minutes = Number(process.env.CREDITS_EXPIRE_INTERVAL_MINUTES ?? DEFAULT_EXPIRY_INTERVAL_MINUTES);
  const intervalMs = opts.intervalMs ?? minutes * 60_000;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) return null;
  const openDb = opts.db ?? getDb;
  const log = opts.log ?? console.log;

  let isRunning = false;
  const run = async () => {
    if (isRunning) return;
    isRunning = true;
    try {
      const result = await expireCredits({ db: await openDb() }, { log });
      if (result.expiredCredits > 0 || result.failures > 0) {
        log(`Credit expiry: ${result.expiredCredits} credits expired, ${result.failures} balances failed`);
      }
    } catch (error) {
      log(`Credit expiry run failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      isRunning = false;
    }
  };
  // Timers are unref'd: they never keep a process alive on their own.
  const first = setTimeout(() => void run(), opts.firstRunDelayMs ?? 30_000);
  const every = setInterval(() => void run(), intervalMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
