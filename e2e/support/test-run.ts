// One e2e run: its port, auth secret and throw-away database. playwright.config.ts plans it once
// and passes it through the environment, so workers, the web server and globalTeardown agree.
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPostgresDatabase, databaseUrl, dropPostgresDatabase } from "../../server/db/postgres-admin";

export type TestRunDatabase =
  | { kind: "postgres"; serverUrl: string; name: string }
  | { kind: "pglite"; dataDir: string };

export type TestRun = { port: number; authSecret: string; database: TestRunDatabase };

const ENV_KEY = "CREDITDESK_E2E_RUN";
const LOCAL_HOSTS = new Set(["", "localhost", "127.0.0.1", "::1", "[::1]"]);

/** The run this process belongs to, planned by `plan` on first use (the test runner's own process). */
export async function currentTestRun(plan: () => Promise<TestRun>): Promise<TestRun> {
  const existing = process.env[ENV_KEY];
  if (existing) return JSON.parse(existing) as TestRun;
  const run = await plan();
  process.env[ENV_KEY] = JSON.stringify(run);
  return run;
}

export function testRunFromEnv(): TestRun {
  const existing = process.env[ENV_KEY];
  if (!existing) throw new Error(`${ENV_KEY} is not set: start e2e tests with \`npx playwright test\`.`);
  return JSON.parse(existing) as TestRun;
}

/**
 * A new database on the server of TEST_DATABASE_URL / DATABASE_URL, else a new PGlite folder.
 * Throws a one-line message when that server is not on this machine: e2e runs create and drop
 * databases, which must never happen on a shared or production server.
 */
export function planTestRun(port: number, env: NodeJS.ProcessEnv = process.env): TestRun {
  const suffix = randomBytes(4).toString("hex");
  const serverUrl = env.TEST_DATABASE_URL || env.DATABASE_URL;
  const database: TestRunDatabase = serverUrl
    ? { kind: "postgres", serverUrl: localServerUrlOrThrow(serverUrl), name: `creditdesk_e2e_${suffix}` }
    : { kind: "pglite", dataDir: path.join(os.tmpdir(), `creditdesk-e2e-${suffix}`) };
  return { port, authSecret: randomBytes(32).toString("base64url"), database };
}

function localServerUrlOrThrow(serverUrl: string): string {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new Error("e2e: cannot parse the database URL; expected postgresql://user@localhost:5432/name.");
  }
  // No host, or a `?host=/run/postgresql` socket folder, means a Unix socket on this machine.
  const hostParam = url.searchParams.get("host") ?? "";
  const host = url.hostname || (hostParam.startsWith("/") ? "" : hostParam);
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`e2e: refusing to create test databases on "${host}"; point DATABASE_URL or TEST_DATABASE_URL at a local PostgreSQL.`);
  }
  return serverUrl;
}

export function baseUrlOf(run: TestRun): string {
  return `http://127.0.0.1:${run.port}`;
}

/** What the app needs to serve this run: its database, and next-auth's secret and URL. */
export function appEnvOf(run: TestRun): Record<string, string> {
  const database =
    run.database.kind === "postgres"
      ? { DATABASE_URL: databaseUrl(run.database.serverUrl, run.database.name), DATA_DIR: "" }
      : { DATABASE_URL: "", DATA_DIR: run.database.dataDir };
  return {
    ...database,
    PORT: String(run.port),
    NEXTAUTH_URL: baseUrlOf(run),
    NEXTAUTH_SECRET: run.authSecret,
    NEXT_TELEMETRY_DISABLED: "1",
    // The webhooks spec's receiver listens on 127.0.0.1, which the private-address guard refuses otherwise.
    WEBHOOKS_ALLOW_PRIVATE: "1",
    WEBHOOKS_DELIVER_INTERVAL_SECONDS: "1",
  };
}

export async function createTestRunDatabase(run: TestRun): Promise<void> {
  const { database } = run;
  if (database.kind === "pglite") {
    await mkdir(database.dataDir, { recursive: true });
    return;
  }
  await createPostgresDatabase(database.serverUrl, database.name);
}

/** Idempotent: both globalTeardown and the web server's own shutdown call it. */
export async function dropTestRunDatabase(run: TestRun): Promise<void> {
  const { database } = run;
  if (database.kind === "pglite") {
    await rm(database.dataDir, { recursive: true, force: true });
    return;
  }
  // Forced: the app server may still hold connections when teardown runs.
  await dropPostgresDatabase(database.serverUrl, database.name);
}

export function describeDatabase(database: TestRunDatabase): string {
  return database.kind === "postgres"
    ? `PostgreSQL database ${database.name} on ${new URL(database.serverUrl).host || "local socket"}`
    : `PGlite in ${database.dataDir}`;
}
