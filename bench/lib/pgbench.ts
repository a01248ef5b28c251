// pgbench, the database's own ceiling that every data-path bench prints its figures beside.
import { execFileSync } from "node:child_process";
import { createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";
import type { LoadResult } from "./http-load";

export type PgbenchResult = { tps: number; latencyMs: number; output: string };

const connectionOf = (serverUrl: string) => {
  const url = new URL(serverUrl);
  return {
    args: ["-h", url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username || "postgres")],
    env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) },
  };
};

/** Runs pgbench with `args` on `database` of the server at `serverUrl` for `seconds` with `clients`. */
export function pgbench(opts: { serverUrl: string; database: string; args: string[]; clients: number; seconds: number }): PgbenchResult {
  const { args: connection, env } = connectionOf(opts.serverUrl);
  const output = execFileSync("pgbench", [...opts.args, "-c", String(opts.clients), "-j", "2", "-T", String(opts.seconds), ...connection, opts.database], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`Could not read pgbench's tps:\n${output}`);
  return { tps, latencyMs, output };
}

/** A scratch database initialised by `pgbench -i`, for `pgbench -N` (a small write transaction). */
export async function preparePgbenchDatabase(serverUrl: string, database: string): Promise<void> {
  await dropPostgresDatabase(serverUrl, database);
  await createPostgresDatabase(serverUrl, database);
  const { args: connection, env } = connectionOf(serverUrl);
  execFileSync("pgbench", ["-i", "-q", ...connection, database], { env, stdio: ["ignore", "ignore", "pipe"] });
}

/** A pgbench run as a load phase's slice: its tps over the slice, and its average latency as the one sample. */
export const pgbenchLoad = (result: PgbenchResult, seconds: number): LoadResult => ({
  ok: result.tps * seconds,
  failed: 0,
  failures: new Map(),
  latenciesMs: [result.latencyMs],
  seconds,
});
