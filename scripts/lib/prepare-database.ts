import { createDb, databaseTargetFromEnv } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { installJobQueue } from "@/server/jobs/job-queue";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { DEMO_STAFF, seedDemoStaff } from "@/prisma/seed/demo-staff";

import { DEMO_CUSTOMER_COUNT } from "./demo-size";

export { DEMO_CUSTOMER_COUNT };

/**
 * Applies pending migrations, then seeds demo data if the database has no staff yet (first run);
 * on a demo database, adds demo staff members that are missing.
 */
export async function prepareDatabase(opts: { seed: boolean; log?: (line: string) => void }): Promise<void> {
  const log = opts.log ?? console.log;
  const target = databaseTargetFromEnv();
  log(target.kind === "postgres" ? "Database: PostgreSQL (DATABASE_URL)" : `Database: embedded PGlite in ${target.dataDir}`);
  const applied = await applyMigrations(target);
  for (const name of applied) log(`  applied migration ${name}`);
  if (target.kind === "postgres") await installJobQueue(target.url);
  if (!opts.seed) return;
  const { db, close } = await createDb(target);
  try {
    if ((await db.staffUser.count()) === 0) {
      log("First run: seeding demo data…");
      await seedDemoData(db, { customers: DEMO_CUSTOMER_COUNT, log });
    } else if (await db.staffUser.findUnique({ where: { email: DEMO_STAFF[0]!.email }, select: { id: true } })) {
      // A demo database from an earlier version: add the demo sign-ins added since (the manager).
      const added = await seedDemoStaff(db);
      if (added) log(`  added ${added} demo staff member(s)`);
    }
  } finally {
    // PGlite allows one opener per folder, and the server opens it next.
    await close();
  }
}
