// `npm run worker`: runs the background jobs (server/jobs) without a web server, until SIGTERM or
// SIGINT, which let the runs in flight finish. Run it next to web nodes started with WORKERS=0.
// With the embedded database (PGlite) it cannot run next to `npm start` (one opener per folder).
// The preload (scripts/lib/preflight.ts) has checked the configuration and generated the client.
import { databaseTargetFromEnv } from "@/server/db/client";
import { startWorkers, stopWorkers } from "@/server/jobs/workers";

try {
  const queue = await startWorkers();
  const where = databaseTargetFromEnv().kind === "postgres" ? "pg-boss on PostgreSQL" : "in-process timers on PGlite";
  console.log(`Worker running (${where}): ${queue.scheduled.map(({ name, periodMs }) => `${name} every ${periodMs / 1000} s`).join(", ") || "every job turned off"}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("Worker stopping: letting runs in flight finish…");
    void stopWorkers().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  });
}
// The queue's timers are unref'd; this keeps the process up until a signal.
setInterval(() => {}, 1 << 30);
