import "server-only";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { Prisma, PrismaClient } from "@/prisma/generated/client";

const PrismaSql = Prisma.sql;
import { config, parseConfig } from "@/server/config";
import { lockDataDir } from "./data-dir-lock";

export type Db = PrismaClient;
/** What a service may run queries on: the client itself or an interactive transaction. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string };

/** A pool error names the server and a code only: the log line never carries the URL's password. */
const logPoolError = (error: Error & { code?: string }) =>
  console.warn(`PostgreSQL connection lost (${error.code ?? error.message}); the pool reconnects on the next query.`);

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
    // node-postgres drops a broken connection and opens a fresh one on the next query, so the
    // server recovers by itself after PostgreSQL restarts; an idle client's error is only logged.
    const pool = new pg.Pool({ connectionString: target.url, max: config().DATABASE_POOL_SIZE });
    pool.on("error", logPoolError);
    return { adapter: new PrismaPg(pool, { onConnectionError: logPoolError }), pool, close: () => pool.end() };
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

const INT8 = 20;
const INT8_ARRAY = 1016;
const parseInt8Array = pg.types.getTypeParser(INT8_ARRAY as Parameters<typeof pg.types.getTypeParser>[0]) as (value: string) => (string | null)[];

/** int8 as bigint, as Prisma's $queryRaw gives it (pg's default is a string). */
const PRISMA_LIKE_TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === INT8_ARRAY) return (value: string) => parseInt8Array(value).map((v) => (v === null ? null : BigInt(v)));
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/**
 * The connection of a pgTransaction as a DbTx for code written against Prisma's raw API
 * ($queryRaw, $executeRaw: tagged templates or Prisma.sql), so one transaction core can run on
 * either. Anything else (the model API) throws: such code is not for a fast path.
 */
function rawTxOf(client: pg.PoolClient): DbTx {
  const run = (first: Prisma.Sql | TemplateStringsArray, values: unknown[]) => {
    const sql = isTemplate(first) ? PrismaSql(first, ...values) : first;
    return client.query({ text: sql.text, values: sql.values, types: PRISMA_LIKE_TYPES });
  };
  const raw = {
    $queryRaw: async (first: Prisma.Sql | TemplateStringsArray, ...values: unknown[]) => (await run(first, values)).rows,
    $executeRaw: async (first: Prisma.Sql | TemplateStringsArray, ...values: unknown[]) => (await run(first, values)).rowCount ?? 0,
  };
  return new Proxy(raw, {
    get(target, property) {
      if (property in target) return target[property as keyof typeof target];
      if (property === "then") return undefined;
      throw new Error(`A fast path's connection has only $queryRaw and $executeRaw, not ${String(property)}`);
    },
  }) as unknown as DbTx;
}

const isTemplate = (value: unknown): value is TemplateStringsArray => Array.isArray(value) && "raw" in value;

/** Runs a statement on the connection of a pgTransaction. */
export type PgQuery = <Row>(sql: Prisma.Sql, opts?: { name?: string }) => Promise<Row[]>;

/**
 * A transaction on one connection of the pg pool under Prisma's adapter, for a fast path's few
 * statements (`query`, or `tx` for a core written against Prisma's raw API): committed when `run` returns a value, rolled back when it returns null (the caller
 * then takes its general path) or throws. Null at once on PGlite, which has no pool.
 */
export async function pgTransaction<T>(db: Db, run: (query: PgQuery, tx: DbTx) => Promise<T | null>): Promise<T | null> {
  const pool = poolByDb.get(db);
  if (!pool) return null;
  const client = await pool.connect();
  let isBroken = false;
  try {
    await client.query("BEGIN");
    const query: PgQuery = async <Row>(sql: Prisma.Sql, opts: { name?: string } = {}) =>
      (await client.query<Row & pg.QueryResultRow>({ text: sql.text, values: sql.values, types: PRISMA_LIKE_TYPES, ...(opts.name ? { name: opts.name } : {}) })).rows;
    const result = await run(query, rawTxOf(client));
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
const globalForDb = globalThis as typeof globalThis & {
  creditdeskDb?: Promise<Db>;
  creditdeskReadDb?: Promise<Db>;
  creditdeskProbes?: Map<string, pg.Pool>;
};

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

/**
 * The client for reads that tolerate replication lag (customer search, list pages): a replica at
 * DATABASE_READ_URL when set (PostgreSQL only), else the primary's own client.
 */
export function getReadDb(): Promise<Db> {
  const readUrl = config().DATABASE_READ_URL;
  if (!readUrl || databaseTargetFromEnv().kind !== "postgres") return getDb();
  globalForDb.creditdeskReadDb ??= createDb({ kind: "postgres", url: readUrl }).then(
    ({ db }) => db,
    (error: unknown) => {
      globalForDb.creditdeskReadDb = undefined;
      throw error;
    },
  );
  return globalForDb.creditdeskReadDb;
}

/**
 * Readiness: one round trip to the database within `timeoutMs`. False when it is down, restarting
 * or too slow; never throws.
 */
export async function isDatabaseReady(db: Db, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([db.$queryRaw`SELECT 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readiness on PostgreSQL: `SELECT 1` on a one-connection pool of its own, so a node whose request
 * pool is busy under load still reports ready (busy is not down); only a database that refuses,
 * drops or does not answer within `timeoutMs` makes it false. Never throws.
 */
export async function isPostgresReady(url: string, timeoutMs: number): Promise<boolean> {
  const probes = (globalForDb.creditdeskProbes ??= new Map());
  let probe = probes.get(url);
  if (!probe) {
    probe = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: timeoutMs, idleTimeoutMillis: 30_000 });
    probe.on("error", () => {}); // an idle probe connection cut by a restart: the next probe reconnects
    probes.set(url, probe);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([probe.query("SELECT 1").then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
