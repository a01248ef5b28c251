// Next.js calls register() once when a server process starts: the job workers (server/jobs: credit
// expiry, refund reconcile, notification delivery, approval expiry) start here unless WORKERS=0,
// and drain on SIGTERM/SIGINT.
const globalForWorkers = globalThis as typeof globalThis & { creditdeskWorkersRegistered?: boolean };

export async function register() {
  // The Edge runtime has no database; the workers belong to the Node.js server only.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (globalForWorkers.creditdeskWorkersRegistered) return;
  globalForWorkers.creditdeskWorkersRegistered = true;
  // A mistyped variable stops the server here with its name, before anything runs on it.
  const { config, exitOnBadConfig } = await import("@/server/config");
  exitOnBadConfig();
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // Open the database now: with PGlite this takes its folder's lock for as long as the server runs,
  // so a script started alongside fails at once with a clear message instead of later requests.
  const { getDb } = await import("@/server/db/client");
  await getDb().catch((error: unknown) => console.error(error instanceof Error ? error.message : error));
  if (config().WORKERS === 0) return;
  const { startWorkers, stopWorkers } = await import("@/server/jobs/workers");
  // The jobs use the server's own client (getDb), so PGlite's single opener is respected.
  await startWorkers().catch((error: unknown) => console.error(`Background jobs did not start: ${error instanceof Error ? error.message : String(error)}`));
  // On SIGTERM/SIGINT (server/lib/shutdown.ts), while Next.js drains the requests in flight: runs in
  // flight finish (up to 30 s) or are handed back to the queue for a retry.
  const { onShutdown } = await import("@/server/lib/shutdown");
  onShutdown(stopWorkers);
}
