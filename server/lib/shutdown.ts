// Graceful shutdown of a server process. `next start` already handles SIGTERM and SIGINT: it stops
// accepting connections, lets the requests in flight finish, then exits (Next 16's start-server).
// What Next.js does not know about registers here: the background jobs stop taking new work so
// nothing new starts while the last requests drain. A job cut off mid-run is safe to repeat: every
// job is idempotent.
const globalForShutdown = globalThis as typeof globalThis & { creditdeskShutdown?: { stops: (() => void | Promise<void>)[] } };

/** Runs `stop` once when the process is asked to stop (SIGTERM from an orchestrator, SIGINT from a terminal). */
export function onShutdown(stop: () => void | Promise<void>): void {
  if (!globalForShutdown.creditdeskShutdown) {
    const state = { stops: [] as (() => void | Promise<void>)[] };
    globalForShutdown.creditdeskShutdown = state;
    const runAll = () => {
      const stops = state.stops.splice(0);
      for (const run of stops) {
        Promise.resolve()
          .then(run)
          .catch((error: unknown) => console.error(`Stopping background work failed: ${error instanceof Error ? error.message : String(error)}`));
      }
    };
    process.once("SIGTERM", runAll);
    process.once("SIGINT", runAll);
  }
  globalForShutdown.creditdeskShutdown.stops.push(stop);
}
