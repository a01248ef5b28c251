import "server-only";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
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
    const adapter = new PrismaPg({ connectionString: target.url, max: config().DATABASE_POOL_SIZE });
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
