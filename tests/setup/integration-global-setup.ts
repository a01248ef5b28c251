// One fresh database per integration run: a database on the PostgreSQL server of
// TEST_DATABASE_URL (or DATABASE_URL), else a PGlite data dir in a temp folder. Test files reach it
// through tests/helpers/test-db.ts.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import type { DatabaseTarget } from "@/server/db/client";
import { applyMigrations, createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";
import { checkAuditCoverage } from "@/tests/audit-coverage/run-check";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated database of this run, shared by all integration files. */
    testDatabase: DatabaseTarget;
    /** Removed after the run; scratch PGlite folders go here. */
    testTempDir: string;
    /** A migrated, never-opened PGlite data dir to copy (PGlite runs only). */
    pgliteTemplateDir: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const tempDir = await fs.mkdtemp(path.join(os.tmpdir(), "creditdesk-int-"));
  const removeTempDir = () => fs.rm(tempDir, { recursive: true, force: true });
  project.provide("testTempDir", tempDir);
  try {
    const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
    const teardown = serverUrl ? await setUpPostgres(project, serverUrl) : await setUpPglite(project, tempDir);
    return async () => {
      try {
        // After every file has run: each mutation called successfully left its audit row.
        await checkAuditCoverage(project.getProvidedContext().testDatabase, tempDir);
      } catch (error) {
        // Vitest only logs an error thrown by a global teardown; the run must fail on it.
        process.exitCode = 1;
        throw error;
      } finally {
        await teardown();
        await removeTempDir();
      }
    };
  } catch (error) {
    await removeTempDir();
    throw error;
  }
}

async function setUpPostgres(project: TestProject, serverUrl: string): Promise<() => Promise<void>> {
  const name = `creditdesk_test_${randomBytes(6).toString("hex")}`;
  // Scratch databases of this run (tests/helpers/test-db.ts) share the prefix, so none outlive it.
  const dropAll = async () => {
    for (const database of await databasesNamedLike(serverUrl, `${name}%`)) {
      await dropPostgresDatabase(serverUrl, database);
    }
  };
  const target: DatabaseTarget = { kind: "postgres", url: await createPostgresDatabase(serverUrl, name) };
  try {
    await applyMigrations(target);
  } catch (error) {
    await dropAll();
    throw error;
  }
  project.provide("testDatabase", target);
  project.provide("pgliteTemplateDir", null);
  return dropAll;
}

async function setUpPglite(project: TestProject, tempDir: string): Promise<() => Promise<void>> {
  const templateDir = path.join(tempDir, "template");
  await applyMigrations({ kind: "pglite", dataDir: templateDir });
  const dataDir = path.join(tempDir, "run");
  await fs.cp(templateDir, dataDir, { recursive: true });
  project.provide("testDatabase", { kind: "pglite", dataDir });
  project.provide("pgliteTemplateDir", templateDir);
  return async () => {};
}

async function databasesNamedLike(serverUrl: string, pattern: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [pattern],
    );
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}
