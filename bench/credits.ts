// `npm run bench:credits`: the money path against the production server on PostgreSQL, next to
// pgbench on the same server, same clients, in the same run.
//
//   1. creates (or recreates) the database `creditdesk_bench_<tree>` on the server of
//      BENCH_DATABASE_URL (default: DATABASE_URL's server, else postgresql://postgres@127.0.0.1:5432/postgres),
//      migrates it and seeds demo staff and customers (with their storefront payments);
//   2. builds the app (`next build`) in a private copy of the working tree, so a build or e2e run
//      elsewhere cannot pull .next away mid-run, starts `next start` there on a free port
//      (scripts/lib/cluster.ts; with --nodes N, N of them behind HAProxy), signs in as the demo
//      admin through next-auth's credentials flow and keeps the cookie;
//   3. runs every phase for a slice in each of ROUNDS (3) rounds, interleaved, so a change in the
//      machine's load falls on all of them: pgbench -N (the database's ceiling for a small write),
//      pgbench -f bench/sql/issue-credit.pgbench.sql (the issue fast path's own statements), the
//      bare route /api/health, staff.me (session + staff read), credits.issue over HTTP at CLIENTS
//      (32) and at 4 clients, and in-process (no HTTP, no Next.js): credits.issue, the storefront's
//      spend of store credit and a refund to store credit;
//   4. prints ops/s, p50/p99, the targets as ratios (see README, "Data access and the money path's
//      fast path") and checks every balance against its ledger (pgbench's credits included).
//
// With --nodes N (N > 1) the HTTP phases (bare route, staff.me, credits.issue at CLIENTS and at 4)
// run twice in each round, against the first node directly and through HAProxy onto all N, and
// the report sets the 1-node and N-node figures side by side.
//
// The load phases share the machine with the bench client itself (and Next.js with PostgreSQL),
// as they would on a small single host; the figures are what this machine does, nothing adjusted.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import superjson from "superjson";
import { createDb, type Db } from "@/server/db/client";
import { applyMigrations, createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";
import { ZIssueCreditInput } from "@/server/modules/credits/credits.schema";
import { issueCredit } from "@/server/modules/credits/issue-credit";
import { spendCredit } from "@/server/modules/credits/spend-credit";
import { createRefund } from "@/server/modules/refunds/create-refund";
import { ZCreateRefundInput } from "@/server/modules/refunds/refunds.schema";
import type { Actor } from "@/server/lib/service-context";
import { findCreditMismatches, findLedgerMismatches } from "@/server/modules/credits/ledger-check";
import { getStaffActor } from "@/server/modules/staff/staff.service";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";
import { DEMO_STAFF } from "@/prisma/seed/demo-staff";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { buildApp, startCluster, type Cluster } from "@/scripts/lib/cluster";
import { PGBENCH_SCRIPT, staleness } from "./lib/issue-credit-pgbench";
import { drive as driveLoad, fmt, httpClient, runInterleaved, summarise, summaryLine, type LoadPhase, type Response, type Summary } from "./lib/http-load";
import { signInAsAdmin } from "./lib/next-server";
import { pgbench, pgbenchLoad, preparePgbenchDatabase, type PgbenchResult } from "./lib/pgbench";

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "32" },
    seconds: { type: "string", default: "21" },
    rounds: { type: "string", default: "3" },
    // Each server's pool and the in-process one: with pgbench's CLIENTS connections they must stay
    // under max_connections (100 by default) beside whatever else uses the server (checked).
    pool: { type: "string", default: "16" },
    // Servers behind the load balancer for the side-by-side HTTP phases (1: one server, no HAProxy).
    nodes: { type: "string", default: "1" },
    customers: { type: "string", default: "5000" },
    "keep-db": { type: "boolean", default: false },
    "keep-build": { type: "boolean", default: false },
  },
});
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const WARMUP_SECONDS = 3;
const REFERENCE_SECONDS = 9;
const ROUNDS = Number(args.rounds);
const NODES = Number(args.nodes);
if (!Number.isInteger(NODES) || NODES < 1) throw new Error(`--nodes must be a whole number of at least 1, not ${args.nodes}`);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const projectRoot = fileURLToPath(new URL("..", import.meta.url));
// Named after the working tree, so benches of two checkouts on one machine do not share them.
const treeTag = createHash("sha256").update(projectRoot).digest("hex").slice(0, 8);
const BENCH_DB = `creditdesk_bench_${treeTag}`;
const PGBENCH_DB = `creditdesk_pgbench_${treeTag}`;
const buildDir = path.join(os.tmpdir(), `creditdesk-bench-app-${treeTag}`);

const log = (line: string) => console.log(line);

// --- 1. Database -------------------------------------------------------------------------------

async function prepareBenchDatabase(): Promise<{ url: string; customerIds: string[] }> {
  await dropPostgresDatabase(serverUrl, BENCH_DB);
  const url = await createPostgresDatabase(serverUrl, BENCH_DB);
  await applyMigrations({ kind: "postgres", url });
  const { db, close } = await createDb({ kind: "postgres", url });
  try {
    await seedDemoData(db, { customers: Number(args.customers) });
    const customers = await db.customer.findMany({ select: { id: true } });
    return { url, customerIds: customers.map((c) => c.id) };
  } finally {
    await close();
  }
}

// --- 2. Server and sign-in ---------------------------------------------------------------------

/**
 * Connections the run holds on the server at most: every node's pool and its readiness probe, the
 * in-process pool and pgbench's clients. Refused above max_connections less what is already open.
 */
async function checkConnectionBudget(db: Db): Promise<void> {
  const pool = Number(args.pool);
  const needed = NODES * (pool + 1) + pool + CLIENTS;
  const [row] = await db.$queryRaw<{ max: number; open: number }[]>`
    SELECT current_setting('max_connections')::int AS max, (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend') AS open`;
  log(`Connections: ${NODES} × (pool ${pool} + probe 1) + in-process ${pool} + pgbench ${CLIENTS} = ${needed} (max_connections ${row!.max}, ${row!.open} open)`);
  if (needed + row!.open > row!.max) throw new Error(`${needed} connections beside the ${row!.open} open exceed max_connections (${row!.max}): lower --pool or --nodes`);
}

const { agent, request } = httpClient(CLIENTS);
const drive = (call: () => Promise<Response>, seconds: number, clients = CLIENTS) => driveLoad(call, seconds, clients);

// --- 3. Load -----------------------------------------------------------------------------------

const CURRENCIES = ["USD", "EUR", "GBP", "JPY"];

function issueBody(customerIds: string[]): string {
  const currency = CURRENCIES[Math.floor(Math.random() * CURRENCIES.length)]!;
  const whole = 1 + Math.floor(Math.random() * 200);
  const amount = currency === "JPY" ? String(whole * 100) : `${whole}.${String(Math.floor(Math.random() * 100)).padStart(2, "0")}`;
  return JSON.stringify(
    superjson.serialize({
      idempotencyKey: randomUUID(),
      customerId: customerIds[Math.floor(Math.random() * customerIds.length)]!,
      amount,
      currency,
      categoryId: DEFAULT_CATEGORY_IDS.goodwill,
      memo: "bench",
    }),
  );
}

function issueOverHttp(port: number, cookie: string, customerIds: string[]) {
  return () => {
    const body = issueBody(customerIds);
    return request({
      port,
      method: "POST",
      path: "/api/trpc/credits.issue",
      body,
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), cookie },
    });
  };
}

/** The issue service itself, no HTTP: what the money work costs on its own. */
function issueInProcess(db: Db, actor: Actor, customerIds: string[]) {
  return async (): Promise<Response> => {
    const input = ZIssueCreditInput.parse(superjson.deserialize(JSON.parse(issueBody(customerIds)) as Parameters<typeof superjson.deserialize>[0]));
    await issueCredit({ db, actor }, input);
    return { status: 200, body: "", cookies: [] };
  };
}

/** Funds these customers with US$1,000,000 each, for the spend phase to draw on. */
async function fundForSpending(db: Db, actor: Actor, customerIds: string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < customerIds.length; i = next++) {
      await issueCredit({ db, actor }, ZIssueCreditInput.parse({
        idempotencyKey: randomUUID(), customerId: customerIds[i], amount: "1000000", currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill, memo: "bench",
      }));
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, worker));
}

/** A refund to store credit of US$0.01-0.99 (so each payment takes many) on a random seeded payment. */
function refundToCreditInProcess(db: Db, actor: Actor, payments: { id: string; currency: string }[]) {
  return async (): Promise<Response> => {
    const payment = payments[Math.floor(Math.random() * payments.length)]!;
    const cents = 1 + Math.floor(Math.random() * 99);
    const amount = payment.currency === "JPY" ? String(cents) : `0.${String(cents).padStart(2, "0")}`;
    await createRefund({ db, actor }, ZCreateRefundInput.parse({ idempotencyKey: randomUUID(), paymentId: payment.id, type: "STORE_CREDIT", amount, currency: payment.currency, reason: "REQUESTED_BY_CUSTOMER" }));
    return { status: 200, body: "", cookies: [] };
  };
}

/** The storefront's spend of store credit (spendCredit: no staff member), US$1-5 at a time. */
function spendInProcess(db: Db, customerIds: string[]) {
  return async (): Promise<Response> => {
    const customerId = customerIds[Math.floor(Math.random() * customerIds.length)]!;
    await spendCredit({ db, actor: null }, { idempotencyKey: randomUUID(), customerId, currency: "USD", amountMinor: BigInt(100 + Math.floor(Math.random() * 400)), reference: "ORDER-bench" });
    return { status: 200, body: "", cookies: [] };
  };
}

// --- 4. pgbench --------------------------------------------------------------------------------

/**
 * The fast path's own statements (bench/sql/issue-credit.pgbench.sql) driven by pgbench on the
 * bench's database: the database's ceiling for *our* work, with pgbench's C client in place of
 * Node, pg and the service. Creates the helpers the script names (see issue-credit-pgbench.ts).
 */
async function preparePgbenchIssue(db: Db, url: string): Promise<(seconds: number) => PgbenchResult> {
  const adminId = (await db.staffUser.findFirstOrThrow({ where: { email: DEMO_STAFF.find((s) => s.role === "ADMIN")!.email } })).id;
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_customer`);
  await db.$executeRawUnsafe(`CREATE TABLE bench_customer AS SELECT (row_number() OVER (ORDER BY id))::int AS n, id FROM customer`);
  await db.$executeRawUnsafe(`ALTER TABLE bench_customer ADD PRIMARY KEY (n)`);
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION bench_uuid7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
      substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid $$`);
  const customers = await db.customer.count();
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  return (seconds) =>
    pgbench({ serverUrl, database, clients: CLIENTS, seconds, args: ["-n", "-M", "prepared", "-f", PGBENCH_SCRIPT, "-D", `admin=${adminId}`, "-D", `customers=${customers}`] });
}

// --- Run ---------------------------------------------------------------------------------------

const targets: { what: string; value: number; target: string; isMet: boolean }[] = [];
const ratioTarget = (what: string, value: number, min: number) => targets.push({ what, value, target: `>= ${min}`, isMet: value >= min });
const p99Target = (what: string, value: number, max: number) => targets.push({ what, value, target: `< ${max} ms`, isMet: value < max });

const stale = staleness();
if (stale) throw new Error(stale);

const NODES_SUFFIX = ` (${NODES} nodes)`;
const portOf = (url: string) => Number(new URL(url).port);

/** The HTTP phases, against one server's (or the load balancer's) port; `suffix` names them apart. */
function httpPhases(port: number, cookie: string, customerIds: string[], suffix = "") {
  return [
    { name: `bare route${suffix}`, seconds: REFERENCE_SECONDS, run: (t: number) => drive(() => request({ port, method: "GET", path: "/api/health" }), t) },
    { name: `staff.me${suffix}`, seconds: REFERENCE_SECONDS, run: (t: number) => drive(() => request({ port, method: "GET", path: "/api/trpc/staff.me", headers: { cookie } }), t) },
    { name: `issue http 32${suffix}`, seconds: SECONDS, run: (t: number) => drive(issueOverHttp(port, cookie, customerIds), t) },
    { name: `issue http 4${suffix}`, seconds: REFERENCE_SECONDS, run: (t: number) => drive(issueOverHttp(port, cookie, customerIds), t, 4) },
  ];
}

let cluster: Cluster | undefined;
try {
  log(`PostgreSQL: ${new URL(serverUrl).host}   clients: ${CLIENTS}   ${ROUNDS} rounds, each phase ${SECONDS / ROUNDS} s (references ${REFERENCE_SECONDS / ROUNDS} s) a round`);
  log(`Preparing ${BENCH_DB} (migrate, seed ${args.customers} customers)…`);
  const bench = await prepareBenchDatabase();

  process.env.DATABASE_POOL_SIZE = args.pool;
  const { db, close } = await createDb({ kind: "postgres", url: bench.url });
  await checkConnectionBudget(db);

  await buildApp({ buildDir, log });
  log(NODES > 1 ? `Starting ${NODES} × next start behind HAProxy…` : "Starting next start…");
  // Background jobs are not what is measured here.
  cluster = await startCluster({ databaseUrl: bench.url, nodes: NODES, buildDir, poolSize: Number(args.pool), env: { WORKERS: "0" }, loadBalancer: NODES > 1, log });
  // One server directly; with --nodes N, HAProxy onto all N as well. A session cookie works on every node.
  const port = portOf(cluster.nodes[0]!.url);
  const balancedPort = portOf(cluster.url);
  const cookie = await signInAsAdmin(`http://127.0.0.1:${balancedPort}`);

  const staff = await db.staffUser.findFirstOrThrow({ where: { email: DEMO_STAFF.find((s) => s.role === "ADMIN")!.email } });
  const actor = (await getStaffActor(db, staff.id))!;
  const spenders = bench.customerIds.slice(0, 1000);
  log(`Funding ${spenders.length} customers for the spend phase…`);
  await fundForSpending(db, actor, spenders);
  // Payments with at least US$10 (or ¥1,000) left to refund.
  const payments = await db.$queryRaw<{ id: string; currency: string }[]>`
    SELECT id, currency FROM payment WHERE amount_minor - refunded_minor - pending_refund_minor >= 1000 LIMIT 2000`;
  await preparePgbenchDatabase(serverUrl, PGBENCH_DB);
  const pgbenchIssue = await preparePgbenchIssue(db, bench.url);

  // Every phase runs a slice in every round, so a change in the machine's load (other work on a
  // shared box) falls on all of them alike and the ratios stay comparable.
  const phases: LoadPhase[] = [
    { name: "pgbench -N", seconds: SECONDS, run: async (t) => pgbenchLoad(pgbench({ serverUrl, database: PGBENCH_DB, args: ["-N"], clients: CLIENTS, seconds: t }), t) },
    { name: "pgbench -f issue", seconds: SECONDS, run: async (t) => pgbenchLoad(pgbenchIssue(t), t) },
    // With --nodes N each HTTP phase on one node is followed by the same through the load balancer.
    ...httpPhases(port, cookie, bench.customerIds).flatMap((phase, i) =>
      NODES > 1 ? [phase, httpPhases(balancedPort, cookie, bench.customerIds, NODES_SUFFIX)[i]!] : [phase],
    ),
    { name: "issue in-process", seconds: REFERENCE_SECONDS, run: (t) => drive(issueInProcess(db, actor, bench.customerIds), t) },
    { name: "spend in-process", seconds: REFERENCE_SECONDS, run: (t) => drive(spendInProcess(db, spenders), t) },
    { name: "refund to credit in-process", seconds: REFERENCE_SECONDS, run: (t) => drive(refundToCreditInProcess(db, actor, payments), t) },
  ];
  log(`Warming up for ${WARMUP_SECONDS} s…`);
  await drive(issueOverHttp(port, cookie, bench.customerIds), WARMUP_SECONDS);
  // Round-robin: every node gets its share of the warm-up.
  if (NODES > 1) await drive(issueOverHttp(balancedPort, cookie, bench.customerIds), WARMUP_SECONDS);
  await drive(() => request({ port, method: "GET", path: "/api/health" }), 1);
  await drive(() => request({ port, method: "GET", path: "/api/trpc/staff.me", headers: { cookie } }), 1);
  await drive(issueInProcess(db, actor, bench.customerIds), 1);
  await drive(spendInProcess(db, spenders), 1);
  await drive(refundToCreditInProcess(db, actor, payments), 1);

  const totals = await runInterleaved(phases, ROUNDS, agent, log);
  await cluster.stop();
  cluster = undefined;
  await dropPostgresDatabase(serverUrl, PGBENCH_DB);

  const [balanceMismatches, creditMismatches, credits, balances] = await Promise.all([
    findLedgerMismatches(db),
    findCreditMismatches(db),
    db.storeCredit.count({ where: { memo: "bench" } }),
    db.creditBalance.count(),
  ]);
  await close();

  const total = (name: string) => totals.get(name)!;
  const S = (name: string) => summarise(total(name));
  const pgbenchLine = (name: string) => {
    const t = total(name);
    const latency = t.latenciesMs.reduce((a, b) => a + b, 0) / t.latenciesMs.length;
    return `tps ${fmt(t.ok / t.seconds).padStart(7)}   latency average ${fmt(latency, 2)} ms`;
  };
  log("");
  log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  log(`pgbench -N                          ${pgbenchLine("pgbench -N")}`);
  log(`pgbench -f issue-credit.pgbench.sql  ${pgbenchLine("pgbench -f issue")}`);
  log(`bare route /api/health              ${summaryLine(S("bare route"))}`);
  log(`staff.me over HTTP                  ${summaryLine(S("staff.me"))}`);
  log(`credits.issue in-process            ${summaryLine(S("issue in-process"))}`);
  log(`credits.issue over HTTP             ${summaryLine(S("issue http 32"))}   (ok ${total("issue http 32").ok}, failed ${total("issue http 32").failed})`);
  log(`credits.issue over HTTP, 4 clients  ${summaryLine(S("issue http 4"))}`);
  log(`spendCredit in-process (storefront) ${summaryLine(S("spend in-process"))}`);
  log(`refund to store credit in-process   ${summaryLine(S("refund to credit in-process"))}   (${payments.length} payments)`);
  if (NODES > 1) {
    // The same phases side by side: ops/s, p50, p99 on one node and through HAProxy onto NODES;
    // the N-node ÷ 1-node ratio; each ops/s ÷ this run's bare route (one node) and pgbench -N.
    const bareOne = S("bare route").opsPerSecond;
    const pgbenchTps = S("pgbench -N").opsPerSecond;
    const cell = (s: Summary) => `${fmt(s.opsPerSecond).padStart(7)} ${fmt(s.p50).padStart(6)} ${fmt(s.p99).padStart(6)}`;
    const against = (s: Summary) => `${fmt(s.opsPerSecond / bareOne, 2).padStart(5)} ${fmt(s.opsPerSecond / pgbenchTps, 2).padStart(5)}`;
    log("");
    log(`1 node directly and ${NODES} nodes through HAProxy (ops/s, p50 and p99 in ms; ÷ bare = ÷ bare route on 1 node)`);
    log(`${"".padEnd(36)}${"1 node".padEnd(22)}${`${NODES} nodes`.padEnd(22)}${`${NODES}÷1`.padStart(6)}   1 node: ÷ bare ÷ -N   ${NODES} nodes: ÷ bare ÷ -N`);
    for (const [name, label] of [
      ["bare route", "bare route /api/health"],
      ["staff.me", "staff.me over HTTP"],
      ["issue http 32", `credits.issue over HTTP, ${CLIENTS} clients`],
      ["issue http 4", "credits.issue over HTTP, 4 clients"],
    ] as const) {
      const one = S(name);
      const many = S(name + NODES_SUFFIX);
      log(`${label.padEnd(36)}${cell(one)}  ${cell(many)}  ${fmt(many.opsPerSecond / one.opsPerSecond, 2).padStart(6)}   ${against(one).padStart(19)}   ${against(many).padStart(20)}`);
    }
  }
  for (const [name, result] of totals) for (const [failure, count] of result.failures) log(`    ${name}: ${count} × ${failure}`);

  const pgbenchN = S("pgbench -N").opsPerSecond;
  const bare = S("bare route").opsPerSecond;
  ratioTarget("credits.issue in-process ÷ pgbench -N", S("issue in-process").opsPerSecond / pgbenchN, 0.5);
  ratioTarget("credits.issue in-process ÷ its own SQL in pgbench -f", S("issue in-process").opsPerSecond / S("pgbench -f issue").opsPerSecond, 0.8);
  ratioTarget("credits.issue over HTTP ÷ bare route", S("issue http 32").opsPerSecond / bare, 0.5);
  ratioTarget("staff.me over HTTP ÷ bare route", S("staff.me").opsPerSecond / bare, 0.8);
  p99Target("credits.issue over HTTP p99, 4 clients", S("issue http 4").p99, 25);
  p99Target(`credits.issue over HTTP p99, ${CLIENTS} clients`, S("issue http 32").p99, 150);
  ratioTarget("spendCredit in-process ÷ pgbench -N", S("spend in-process").opsPerSecond / pgbenchN, 0.5);
  ratioTarget("refund to store credit in-process ÷ pgbench -N", S("refund to credit in-process").opsPerSecond / pgbenchN, 0.5);
  log("");
  log("targets");
  for (const t of targets) log(`  ${t.what.padEnd(52)} ${fmt(t.value, 3).padStart(8)}   target ${t.target.padEnd(9)} ${t.isMet ? "met" : "NOT met"}`);
  log(`ledger check: ${balances} balances, ${credits} bench credits`);
  log(
    balanceMismatches.length === 0 && creditMismatches.length === 0
      ? "  every balance equals its ledger sum and its credits' remaining amounts: OK"
      : `  MISMATCH: ${balanceMismatches.length} balances, ${creditMismatches.length} credits disagree with the ledger`,
  );
  const failed = [...totals.values()].some((t) => t.failed > 0);
  if (balanceMismatches.length || creditMismatches.length || failed) process.exitCode = 1;
  if (!args["keep-db"]) await dropPostgresDatabase(serverUrl, BENCH_DB);
} finally {
  await cluster?.stop();
  agent.destroy();
  if (!args["keep-build"]) await fs.rm(buildDir, { recursive: true, force: true });
}
