import { createDb, databaseTargetFromEnv } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";

export const DEMO_CUSTOMER_COUNT = 300;

/** Applies pending migrations, then seeds demo data if the database has no staff yet (first run). */
export async function prepareDatabase(opts: { seed: boolean; log?: (line: string) => void }): Promise<void> {
  const log = opts.log ?? console.log;
  const target = databaseTargetFromEnv();
  log(target.kind === "postgres" ? "Database: PostgreSQL (DATABASE_URL)" : `Database: embedded PGlite in ${target.dataDir}`);
  const applied = await applyMigrations(target);
  for (const name of applied) log(`  applied migration ${name}`);
  if (!opts.seed) return;
  const { db, close } = await createDb(target);
  try {
    if ((await db.staffUser.count()) === 0) {
      log("First run: seeding demo data…");
      await seedDemoData(db, { customers: DEMO_CUSTOMER_COUNT, log });
    }
  } finally {
    // PGlite allows one opener per folder, and the server opens it next.
    await close();
  }
}
