// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from
// what schema.prisma adds to the existing migrations. Hand-written SQL (triggers, extensions,
// expression indexes) can be appended to the file before it is applied.
import path from "node:path";
import { databaseTargetFromEnv } from "@/server/db/client";
import { createMigration } from "@/server/db/migrate";

const name = process.argv[2];
if (!name) {
  console.error("Usage: npm run db:migration -- <name>");
  process.exit(1);
}

try {
  const folder = await createMigration(name, databaseTargetFromEnv());
  console.log(folder ? path.relative(process.cwd(), path.join(folder, "migration.sql")) : "No schema changes");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
