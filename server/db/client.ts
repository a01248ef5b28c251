import "server-only";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "@/prisma/generated/client";
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
  close: () => Promise<void>;
};

export async function openAdapter(target: DatabaseTarget): Promise<AdapterHandle> {
  if (target.kind === "postgres") {
    // node-postgres drops a broken connection and opens a fresh one on the next query, so the
    // server recovers by itself after PostgreSQL restarts; an idle client's error is only logged.
    const adapter = new PrismaPg(
      { connectionString: target.url, max: config().DATABASE_POOL_SIZE },
      { onPoolError: logPoolError, onConnectionError: logPoolError },
    );
    return { adapter, close: async () => {} };
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
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await handle.close();
    },
  };
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
