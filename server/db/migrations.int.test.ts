import fs from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { DatabaseTarget } from "@/server/db/client";
import pg from "pg";
import { applyMigrations, INCLUDE_INDEXES, schemaDriftSql, withoutIncludeIndexes } from "@/server/db/migrate";
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
      // The drift check leaves out Prisma's "recreate without INCLUDE" for these indexes: the
      // database must still have the INCLUDE the migration gave them.
      const client = new pg.Client({ connectionString: empty.target.url });
      await client.connect();
      try {
        const defs = await client.query<{ indexname: string; indexdef: string }>("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY($1)", [Object.keys(INCLUDE_INDEXES)]);
        expect(defs.rows.map((r) => r.indexname).sort()).toEqual(Object.keys(INCLUDE_INDEXES).sort());
        for (const row of defs.rows) expect(row.indexdef).toMatch(/ INCLUDE \(/);
      } finally {
        await client.end();
      }
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

describe("withoutIncludeIndexes", () => {
  const recreate = '-- DropIndex\nDROP INDEX "customer_sort_name_id_idx";\n\n-- CreateIndex\nCREATE INDEX "customer_sort_name_id_idx" ON "customer"("sort_name", "id");\n';
  it("leaves out only Prisma's recreation of an INCLUDE index with its declared key columns", () => {
    expect(withoutIncludeIndexes(recreate)!.trim()).toBe("");
    const other = '-- CreateIndex\nCREATE INDEX "x_idx" ON "x"("a");';
    expect(withoutIncludeIndexes(`${recreate}\n${other}\n`)).toContain(other);
    // Other key columns are a real change and still show.
    const changed = recreate.replace('("sort_name", "id")', '("sort_name")');
    expect(withoutIncludeIndexes(changed)).toContain('CREATE INDEX "customer_sort_name_id_idx" ON "customer"("sort_name");');
  });
});
