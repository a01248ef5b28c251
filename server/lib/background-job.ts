import type { Db } from "@/server/db/client";

export type BackgroundJobOptions = {
  /** The server's own client: PGlite allows one opener per data folder, so never open a second. */
  db?: () => Promise<Db>;
  intervalMs?: number;
  firstRunDelayMs?: number;
  log?: (line: string) => void;
};

/**
 * Runs `job` every `intervalMs` while the server runs (the schedules in instrumentation.ts). Runs
 * never overlap; a failed run is logged and the next one tries again. `job` returns a line worth
 * logging, or null when there was nothing to do. Returns a stop function, or null when the
 * interval is 0 (turned off) or not a number.
 */
export function startBackgroundJob(opts: {
  name: string;
  intervalMs: number;
  firstRunDelayMs: number;
  openDb: () => Promise<Db>;
  log: (line: string) => void;
  job: (db: Db) => Promise<string | null>;
}): (() => void) | null {
  if (!Number.isFinite(opts.intervalMs) || opts.intervalMs <= 0) return null;
  let isRunning = false;
  const run = async () => {
    if (isRunning) return;
    isRunning = true;
    try {
      const line = await opts.job(await opts.openDb());
      if (line) opts.log(`${opts.name}: ${line}`);
    } catch (error) {
      opts.log(`${opts.name} run failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      isRunning = false;
    }
  };
  // Timers are unref'd: they never keep a process alive on their own.
  const first = setTimeout(() => void run(), opts.firstRunDelayMs);
  const every = setInterval(() => void run(), opts.intervalMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
