// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the PGlite in DATA_DIR.
// On PostgreSQL it also creates or upgrades the job queue's tables (pg-boss, schema `pgboss`).
import { databaseTargetFromEnv } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { installJobQueue } from "@/server/jobs/job-queue";

try {
  const target = databaseTargetFromEnv();
  const applied = await applyMigrations(target);
  if (applied.length === 0) console.log("Database is up to date");
  for (const name of applied) console.log(`Applied ${name}`);
  if (target.kind === "postgres") {
    await installJobQueue(target.url);
    console.log("Job queue tables ready (schema pgboss)");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
