// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the PGlite in DATA_DIR.
import { databaseTargetFromEnv } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";

try {
  const applied = await applyMigrations(databaseTargetFromEnv());
  if (applied.length === 0) console.log("Database is up to date");
  for (const name of applied) console.log(`Applied ${name}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
