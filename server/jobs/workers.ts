// The job workers of this process: `npm start` runs them inside the server (instrumentation.ts)
// unless WORKERS=0, `npm run worker` runs them alone (scripts/worker.ts). stopWorkers() drains
// the runs in flight; call it on SIGTERM before the process exits.
import { databaseTargetFromEnv, getDb } from "@/server/db/client";
import { startJobQueue, type JobQueue, type StopOptions } from "./job-queue";

const globalForWorkers = globalThis as typeof globalThis & { creditdeskWorkers?: Promise<JobQueue> };

/** Starts this process's workers once (later calls return the same queue). */
export function startWorkers(opts: { log?: (line: string) => void } = {}): Promise<JobQueue> {
  globalForWorkers.creditdeskWorkers ??= startJobQueue({ target: databaseTargetFromEnv(), db: getDb, log: opts.log }).catch((error: unknown) => {
    globalForWorkers.creditdeskWorkers = undefined;
    throw error;
  });
  return globalForWorkers.creditdeskWorkers;
}

/** Stops this process's workers, letting runs in flight finish (up to 30 s by default). No-op when none run. */
export async function stopWorkers(opts: StopOptions = {}): Promise<void> {
  const starting = globalForWorkers.creditdeskWorkers;
  if (!starting) return;
  globalForWorkers.creditdeskWorkers = undefined;
  const queue = await starting.catch(() => null);
  await queue?.stop(opts);
}
