// `npm run bench:soak -- --minutes 10`: the mixed money workload (bench/lib/money-workload.ts:
// issue, change amount, void, search) through HAProxy onto 2 production servers on one PostgreSQL,
// for MINUTES. Prints per minute: throughput, p99 latency and each node's resident memory; then
// checks that the last minute is within 10% of the second on all three (not slower, not fatter),
// that there were 0 errors, that no acknowledged write is missing and that every balance equals
// its ledger. Exits 1 when a check fails. A script, not a test: the lead runs the 10 minutes on a
// quiet machine.
//
// Database: `creditdesk_soak`, recreated on the server of BENCH_DATABASE_URL (default:
// DATABASE_URL's server, else postgresql://postgres@127.0.0.1:5432/postgres).
import { parseArgs } from "node:util";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { buildApp, rssOf, startCluster } from "@/scripts/lib/cluster";
import { createDb } from "@/server/db/client";
import { applyMigrations, createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";
import { findCreditMismatches, findLedgerMismatches } from "@/server/modules/credits/ledger-check";
import { findLostWrites, percentile, startMoneyWorkload, type CallRecord } from "./lib/money-workload";
import { signInAsAdmin } from "./lib/next-server";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    clients: { type: "string", default: "16" },
    customers: { type: "string", default: "2000" },
    "pool-size": { type: "string", default: "10" },
    rebuild: { type: "boolean", default: false },
  },
});
const MINUTES = Number(args.minutes);
const CLIENTS = Number(args.clients);
if (!Number.isInteger(MINUTES) || MINUTES < 2) throw new Error("--minutes must be 2 or more (the last minute is compared with the second)");
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SOAK_DB = "creditdesk_soak";
const TOLERANCE = 0.1;

const log = (line: string) => console.log(line);
const mb = (bytes: number | null) => (bytes === null ? "   -  " : `${(bytes / 1024 / 1024).toFixed(0).padStart(4)} MB`);

await dropPostgresDatabase(serverUrl, SOAK_DB);
const url = await createPostgresDatabase(serverUrl, SOAK_DB);
await applyMigrations({ kind: "postgres", url });
const { db, close } = await createDb({ kind: "postgres", url });
await seedDemoData(db, { customers: Number(args.customers) });
const customerIds = (await db.customer.findMany({ select: { id: true } })).map((c) => c.id);
await buildApp({ rebuild: args.rebuild, log });
const cluster = await startCluster({ databaseUrl: url, nodes: 2, poolSize: Number(args["pool-size"]) });

type Minute = { minute: number; ok: number; errors: number; p99: number; rss: (number | null)[] };
const minutes: Minute[] = [];
let failures: CallRecord[] = [];
try {
  const cookie = await signInAsAdmin(cluster.url);
  log(`\nSoak: ${MINUTES} min, ${CLIENTS} clients, load balancer ${cluster.url} -> ${cluster.nodes.map((n) => n.url).join(", ")}`);
  log(`mix: 55% credits.issue, 20% credits.update (amount), 10% credits.void, 15% customers.search`);
  log(`${"minute".padEnd(7)} ${"ops/s".padStart(8)} ${"p99 ms".padStart(8)} ${"errors".padStart(7)}  ${cluster.nodes.map((n) => `${n.name} RSS`.padStart(11)).join(" ")}`);
  const workload = startMoneyWorkload({ base: cluster.url, cookie, customerIds, clients: CLIENTS, attempts: 1 });
  let from = 0;
  for (let minute = 1; minute <= MINUTES; minute++) {
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    const calls = workload.stats.calls.slice(from);
    from += calls.length;
    const ok = calls.filter((c) => c.status === 200);
    const row: Minute = {
      minute,
      ok: ok.length,
      errors: calls.length - ok.length,
      p99: percentile(ok.map((c) => c.ms), 99),
      rss: await Promise.all(cluster.nodes.map((n) => rssOf(n.pid()))),
    };
    minutes.push(row);
    failures = failures.concat(calls.filter((c) => c.status !== 200));
    log(`${String(minute).padEnd(7)} ${(row.ok / 60).toFixed(1).padStart(8)} ${row.p99.toFixed(1).padStart(8)} ${String(row.errors).padStart(7)}  ${row.rss.map((r) => mb(r).padStart(11)).join(" ")}`);
  }
  const stats = await workload.stop();
  failures = stats.calls.filter((c) => c.status !== 200);

  const second = minutes[1]!;
  const last = minutes.at(-1)!;
  const checks: [string, boolean][] = [
    [`throughput: last minute ${(last.ok / 60).toFixed(1)} ops/s >= ${Math.round((1 - TOLERANCE) * 100)}% of the second's ${(second.ok / 60).toFixed(1)}`, last.ok >= second.ok * (1 - TOLERANCE)],
    [`p99: last minute ${last.p99.toFixed(1)} ms <= ${Math.round((1 + TOLERANCE) * 100)}% of the second's ${second.p99.toFixed(1)} ms`, last.p99 <= second.p99 * (1 + TOLERANCE)],
    ...cluster.nodes.map((node, i): [string, boolean] => [
      `${node.name} RSS: last minute ${mb(last.rss[i] ?? null).trim()} <= ${Math.round((1 + TOLERANCE) * 100)}% of the second's ${mb(second.rss[i] ?? null).trim()}`,
      last.rss[i] !== null && second.rss[i] !== null && last.rss[i]! <= second.rss[i]! * (1 + TOLERANCE),
    ]),
    [`errors: ${failures.length}`, failures.length === 0],
  ];
  const lost = await findLostWrites(db, stats.credits);
  const ledger = await findLedgerMismatches(db);
  const credits = await findCreditMismatches(db);
  checks.push(
    [`acknowledged writes missing: ${lost.length} of ${stats.credits.length} credits`, lost.length === 0],
    [`balances that differ from their ledger: ${ledger.length}`, ledger.length === 0],
    [`credits whose events do not add up: ${credits.length}`, credits.length === 0],
  );
  log("");
  for (const [line, isMet] of checks) log(`${isMet ? "ok  " : "FAIL"} ${line}`);
  if (failures.length > 0) {
    const kinds = new Map<string, number>();
    for (const f of failures) kinds.set(`${f.op} ${f.status} ${f.text?.slice(0, 160) ?? ""}`, (kinds.get(`${f.op} ${f.status} ${f.text?.slice(0, 160) ?? ""}`) ?? 0) + 1);
    for (const [kind, count] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 10)) log(`  ${count} x ${kind}`);
  }
  process.exitCode = checks.every(([, isMet]) => isMet) ? 0 : 1;
} finally {
  await cluster.stop();
  await close();
}
