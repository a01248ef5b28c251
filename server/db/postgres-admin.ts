// Creating and dropping whole databases, for throw-away test, bench and shadow databases. Only
// `pg`, so light tools (the Playwright config) can use it without loading Prisma.
import pg from "pg";

/** `CREATE DATABASE` on the server of `serverUrl`; returns the new database's URL. */
export async function createPostgresDatabase(serverUrl: string, name: string): Promise<string> {
  await runOnServer(serverUrl, `CREATE DATABASE ${quoteIdent(name)}`);
  return databaseUrl(serverUrl, name);
}

/** Drops the database even while clients are still connected to it. */
export async function dropPostgresDatabase(serverUrl: string, name: string): Promise<void> {
  await runOnServer(serverUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

// Runs on the database named in the URL, or on `postgres` when that one does not exist (yet).
export async function runOnServer(serverUrl: string, sql: string): Promise<void> {
  try {
    await runOn(serverUrl, sql);
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error;
    await runOn(databaseUrl(serverUrl, "postgres"), sql);
  }
}

async function runOn(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
