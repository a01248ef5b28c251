import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient, type Prisma } from "@/prisma/generated/client";
import { config, parseConfig } from "@/server/config";
import { lockDataDir } from "./data-dir-lock";

export type Db = PrismaClient;
/** What a service may run queries on: the client itself or an interactive transaction. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string };

/** PostgreSQL when DATABASE_URL is set, else embedded PGlite in DATA_DIR (default ./.data). */
export function databaseTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const { DATABASE_URL, DATA_DIR } = parseConfig(env);
  if (DATABASE_URL) return { kind: "postgres", url: DATABASE_URL };
  return { kind: "pglite", dataDir: path.resolve(DATA_DIR, "pglite") };
}

export type AdapterHandle = {
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** PostgreSQL: the pool under the adapter, for the money path's statements (see runSql). */
  pool: pg.Pool | null;
  close: () => Promise<void>;
};

export async function openAdapter(target: DatabaseTarget): Promise<AdapterHandle> {
  if (target.kind === "postgres") {
    // One pool per process, shared by Prisma and by runSql: DATABASE_POOL_SIZE is the whole budget.
    const pool = new pg.Pool({ connectionString: target.url, max: config().DATABASE_POOL_SIZE });
    // An idle connection's error (the server restarted) must not crash the process; the pool drops it.
    pool.on("error", () => {});
    return { adapter: new PrismaPg(pool), pool, close: () => pool.end() };
  }
  // Imported lazily so a PostgreSQL deployment never loads the WASM build.
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const isInMemory = target.dataDir.startsWith("memory://");
  const unlock = isInMemory ? () => {} : lockDataDir(target.dataDir);
  try {
    const pglite = await PGlite.create(target.dataDir, { extensions: { pg_trgm } });
    return {
      adapter: new PrismaPGlite(pglite),
      pool: null,
      close: async () => {
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

export async function createDb(target: DatabaseTarget = databaseTargetFromEnv()) {
  const handle = await openAdapter(target);
  const db = new PrismaClient({ adapter: handle.adapter });
  if (handle.pool) poolByDb.set(db, handle.pool);
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await handle.close();
    },
  };
}

const poolByDb = new WeakMap<object, pg.Pool>();

/**
 * Runs one statement (a Prisma.sql template, the same fragments the repos build) outside any
 * transaction: straight on the pg pool under Prisma's adapter when there is one (PostgreSQL), so
 * the money path skips Prisma's query engine; through $queryRaw on PGlite. The statement is its own
 * transaction. Rows come back as the driver gives them: parse int8 with BigInt(), whichever it is.
 */
export async function runSql<Row>(db: Db, sql: Prisma.Sql, opts: { name?: string } = {}): Promise<Row[]> {
  const pool = poolByDb.get(db);
  if (!pool) return db.$queryRaw<Row[]>(sql);
  const { rows } = await pool.query<Row & pg.QueryResultRow>({ text: sql.text, values: sql.values, ...(opts.name ? { name: opts.name } : {}) });
  return rows;
}

/** Runs a statement on the connection of a pgTransaction. */
export type PgQuery = <Row>(sql: Prisma.Sql, opts?: { name?: string }) => Promise<Row[]>;

/**
 * A transaction on one connection of the pg pool under Prisma's adapter, for a fast path's few
 * statements: committed when `run` returns a value, rolled back when it returns null (the caller
 * then takes its general path) or throws. Null at once on PGlite, which has no pool.
 */
export async function pgTransaction<T>(db: Db, run: (query: PgQuery) => Promise<T | null>): Promise<T | null> {
  const pool = poolByDb.get(db);
  if (!pool) return null;
  const client = await pool.connect();
  let isBroken = false;
  try {
    await client.query("BEGIN");
    const query: PgQuery = async <Row>(sql: Prisma.Sql, opts: { name?: string } = {}) =>
      (await client.query<Row & pg.QueryResultRow>({ text: sql.text, values: sql.values, ...(opts.name ? { name: opts.name } : {}) })).rows;
    const result = await run(query);
    await client.query(result === null ? "ROLLBACK" : "COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => (isBroken = true));
    throw error;
  } finally {
    client.release(isBroken);
  }
}

// One client per server process; PGlite in particular allows a single opener per data folder.
const globalForDb = globalThis as typeof globalThis & { creditdeskDb?: Promise<Db> };

export function getDb(): Promise<Db> {
  // A failed open (the folder locked by a script for a moment) is not kept: the next call retries.
  globalForDb.creditdeskDb ??= createDb().then(
    ({ db }) => db,
    (error: unknown) => {
      globalForDb.creditdeskDb = undefined;
      throw error;
    },
  );
  return globalForDb.creditdeskDb;
}
