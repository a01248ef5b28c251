// Databases for integration tests. All files of a run share one migrated database (made by
// tests/setup/integration-global-setup.ts), so a test creates its own rows (see `uniqueEmail`)
// and never assumes a table is empty.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { inject } from "vitest";
import { createDb, type DatabaseTarget, type Db } from "@/server/db/client";
import { applyMigrations, createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";

export type TestDb = { db: Db; target: DatabaseTarget; close: () => Promise<void> };
export type EmptyDatabase<T extends DatabaseTarget = DatabaseTarget> = { target: T; destroy: () => Promise<void> };
type PgliteTarget = Extract<DatabaseTarget, { kind: "pglite" }>;
type PostgresTarget = Extract<DatabaseTarget, { kind: "postgres" }>;

let shared: { opening: ReturnType<typeof createDb>; users: number } | undefined;

/**
 * A client on the run's database. Open it in `beforeAll` and close it in `afterAll`; calls in
 * one file share a single client, because PGlite allows only one opener per data dir.
 */
export async function openTestDb(): Promise<TestDb> {
  const target = inject("testDatabase");
  const current = (shared ??= { opening: createDb(target), users: 0 });
  current.users += 1;
  const { db } = await current.opening.catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  let isClosed = false;
  const close = async () => {
    if (isClosed) return;
    isClosed = true;
    current.users -= 1;
    if (current.users > 0) return;
    if (shared === current) shared = undefined;
    await (await current.opening).close();
  };
  return { db, target, close };
}

/** A migrated PGlite database of its own, for tests that must run on PGlite whatever the run uses. */
export async function openScratchPglite(): Promise<TestDb> {
  const scratch = createEmptyPglite();
  const templateDir = inject("pgliteTemplateDir");
  if (templateDir) await fs.cp(templateDir, scratch.target.dataDir, { recursive: true });
  else await applyMigrations(scratch.target);
  const { db, close } = await createDb(scratch.target);
  return {
    db,
    target: scratch.target,
    close: async () => {
      await close();
      await scratch.destroy();
    },
  };
}

/** A PGlite data dir not yet created (PGlite initialises it on first open); no migrations. */
export function createEmptyPglite(): EmptyDatabase<PgliteTarget> {
  const dataDir = path.join(inject("testTempDir"), `pglite-${randomHex()}`);
  return {
    target: { kind: "pglite", dataDir },
    destroy: () => fs.rm(dataDir, { recursive: true, force: true }),
  };
}

/** A new, empty database on the run's PostgreSQL server; null when the run is on PGlite. */
export async function createEmptyPostgres(): Promise<EmptyDatabase<PostgresTarget> | null> {
  const run = inject("testDatabase");
  if (run.kind !== "postgres") return null;
  // Named after the run's database, so the run's teardown drops it if a test does not.
  const name = `${new URL(run.url).pathname.slice(1)}_${randomHex()}`;
  const url = await createPostgresDatabase(run.url, name);
  return { target: { kind: "postgres", url }, destroy: () => dropPostgresDatabase(run.url, name) };
}

/** `label-1a2b3c4d5e6f@example.test`: unique across files running in parallel on one database. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${randomHex()}@example.test`;
}

function randomHex(): string {
  return randomBytes(6).toString("hex");
}
