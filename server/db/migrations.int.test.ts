import fs from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { DatabaseTarget } from "@/server/db/client";
import { applyMigrations, schemaDriftSql } from "@/server/db/migrate";
import { installJobQueue } from "@/server/jobs/job-queue";
import { createEmptyPglite, createEmptyPostgres } from "@/tests/helpers/test-db";

async function migrationNamesOnDisk(): Promise<string[]> {
  const entries = await fs.readdir(new URL("../../prisma/migrations", import.meta.url), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function expectMigrationsToBuildSchema(target: DatabaseTarget) {
  // The drift check must see an empty database as drift, or "no drift" below proves nothing.
  expect(await schemaDriftSql(target)).not.toBe("");

  expect(await applyMigrations(target)).toEqual(await migrationNamesOnDisk());
  expect(await schemaDriftSql(target)).toBe("");
  expect(await applyMigrations(target)).toEqual([]);
}

describe("migrations", () => {
  it("bring an empty PostgreSQL database exactly to schema.prisma, and apply nothing twice", async (ctx) => {
    const empty = await createEmptyPostgres();
    if (!empty) return ctx.skip("no PostgreSQL for this run: set TEST_DATABASE_URL or DATABASE_URL");
    try {
      await expectMigrationsToBuildSchema(empty.target);
      // `npm run db:migrate` also creates the job queue's schema: twice is fine, and Prisma's drift check ignores it.
      await installJobQueue(empty.target.url);
      await installJobQueue(empty.target.url);
      expect(await schemaDriftSql(empty.target)).toBe("");
      expect(await applyMigrations(empty.target)).toEqual([]);
    } finally {
      await empty.destroy();
    }
  });

  // PGlite starts a WebAssembly PostgreSQL and applies every migration twice: minutes on a busy 2-core box.
  it("bring an empty PGlite database exactly to schema.prisma, and apply nothing twice", { timeout: 180_000 }, async () => {
    const empty = createEmptyPglite();
    try {
      await expectMigrationsToBuildSchema(empty.target);
    } finally {
      await empty.destroy();
    }
  });
});
