import { defineConfig } from "prisma/config";

// Used by the Prisma CLI only (generate, and `migrate deploy` where the schema-engine binary exists).
// The app and our own migration runner build their driver adapter in server/db/.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx --import ./scripts/lib/preflight.ts prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
