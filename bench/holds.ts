// `npm run bench:holds`: checkout with store credit over the Storefront API (POST /holds, then
// POST /holds/{id}/capture, with an API key) against the production server on PostgreSQL, at 32
// and at 4 clients, beside this run's ceilings: the bare route /api/health (the web path) and
// `pgbench -N` (the data path), at the same client counts, in interleaved rounds as bench/credits.ts.
//
//   1. (re)creates the bench database (--db, default creditdesk_bench_holds_<tree>), migrates it,
//      seeds demo staff and --customers, and funds --funded of them with store credit;
//   2. builds the app in a private copy of the tree (scripts/lib/cluster.ts) and starts one
//      `next start` (WORKERS=0: background jobs are not what is measured; API_RATE_LIMIT_PER_SECOND
//      at its maximum, so the limiter counts every request but refuses none), signs the demo admin in
//      and makes an API key through tRPC apiKeys.create, as Settings does;
//   3. runs each phase for a slice in each of --rounds rounds;
//   4. prints ops/s and p50/p99 per phase, the ratios, and checks every balance against its ledger,
//      its credits and its open holds.
//
// A checkout is two requests (two money transactions), so the ratios are given per request:
// requests/s ÷ the bare route's requests/s, and transactions/s ÷ pgbench -N's tps.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createDb, type Db } from "@/server/db/client";
import { applyMigrations, createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";
import { ZIssueCreditInput } from "@/server/modules/credits/credits.schema";
import { issueCredit } from "@/server/modules/credits/issue-credit";
import { findCreditMismatches, findHeldMismatches, findLedgerMismatches } from "@/server/modules/credits/ledger-check";
import { getStaffActor } from "@/server/modules/staff/staff.service";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";
import { DEMO_STAFF } from "@/prisma/seed/demo-staff";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { buildApp, startCluster, type Cluster } from "@/scripts/lib/cluster";
import { drive, fmt, httpClient, runInterleaved, summarise, summaryLine, type LoadPhase, type Response } from "./lib/http-load";
import { callTrpc, resultOf } from "./lib/money-workload";
import { signInAsAdmin } from "./lib/next-server";
import { pgbench, pgbenchLoad, preparePgbenchDatabase } from "./lib/pgbench";

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "32" },
    seconds: { type: "string", default: "21" },
    rounds: { type: "string", default: "3" },
    pool: { type: "string", default: "16" },
    customers: { type: "string", default: "2000" },
    funded: { type: "string", default: "1000" },
    db: { type: "string" },
    "pgbench-db": { type: "string" },
    "keep-db": { type: "boolean", default: false },
    "keep-build": { type: "boolean", default: false },
  },
});
const CLIENTS = Number(args.clients);
const FEW = 4;
const SECONDS = Number(args.seconds);
const REFERENCE_SECONDS = 9;
const ROUNDS = Number(args.rounds);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const treeTag = createHash("sha256").update(projectRoot).digest("hex").slice(0, 8);
const BENCH_DB = args.db ?? `creditdesk_bench_holds_${treeTag}`;
const PGBENCH_DB = args["pgbench-db"] ?? `creditdesk_pgbench_holds_${treeTag}`;
const buildDir = path.join(os.tmpdir(), `creditdesk-bench-app-${treeTag}`);
const log = (line: string) => console.log(line);

async function prepareBenchDatabase(): Promise<string> {
  await dropPostgresDatabase(serverUrl, BENCH_DB);
  const url = await createPostgresDatabase(serverUrl, BENCH_DB);
  await applyMigrations({ kind: "postgres", url });
  const { db, close } = await createDb({ kind: "postgres", url });
  try {
    await seedDemoData(db, { customers: Number(args.customers) });
  } finally {
    await close();
  }
  return url;
}

/** 10,000.00 USD for each shopper, far more than the run spends, so no checkout is short. */
async function fundShoppers(db: Db, count: number): Promise<string[]> {
  const staff = await db.staffUser.findFirstOrThrow({ where: { email: DEMO_STAFF.find((s) => s.role === "ADMIN")!.email } });
  const actor = (await getStaffActor(db, staff.id))!;
  const ids = (await db.customer.findMany({ select: { id: true }, take: count, orderBy: { id: "asc" } })).map((c) => c.id);
  for (let i = 0; i < ids.length; i += 16) {
    await Promise.all(
      ids.slice(i, i + 16).map((customerId) =>
        issueCredit(
          { db, actor },
          ZIssueCreditInput.parse({ idempotencyKey: randomUUID(), customerId, amount: "10000.00", currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill, memo: "bench funding" }),
        ),
      ),
    );
  }
  return ids;
}

const { agent, request } = httpClient(CLIENTS);

/** One checkout: hold 1.00–20.99, then capture all of it or part; the pair's latency is the sample. */
function checkout(port: number, secret: string, shoppers: string[]) {
  const headers = () => ({ "content-type": "application/json", authorization: `Bearer ${secret}`, "idempotency-key": randomUUID() });
  return async (): Promise<Response> => {
    const customerId = shoppers[Math.floor(Math.random() * shoppers.length)]!;
    const cents = 100 + Math.floor(Math.random() * 2000);
    const amount = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;
    const held = await request({
      port,
      method: "POST",
      path: "/api/v1/holds",
      headers: headers(),
      body: JSON.stringify({ customer_id: customerId, amount: amount(cents), currency: "USD", order_ref: `BENCH-${randomUUID().slice(0, 8)}` }),
    });
    if (held.status !== 201) return held;
    const holdId = (JSON.parse(held.body) as { hold: { id: string } }).hold.id;
    // Half the orders ship in full (no amount), half for less than was held.
    const capture = Math.random() < 0.5 ? {} : { amount: amount(Math.max(1, cents - 50)) };
    return request({ port, method: "POST", path: `/api/v1/holds/${holdId}/capture`, headers: headers(), body: JSON.stringify(capture) });
  };
}

let cluster: Cluster | undefined;
try {
  log(`PostgreSQL: ${new URL(serverUrl).host}   clients: ${CLIENTS} and ${FEW}   ${ROUNDS} rounds`);
  log(`Preparing ${BENCH_DB} (migrate, seed ${args.customers} customers)…`);
  const benchUrl = await prepareBenchDatabase();
  process.env.DATABASE_POOL_SIZE = "4";
  const { db, close } = await createDb({ kind: "postgres", url: benchUrl });
  log(`Funding ${args.funded} shoppers…`);
  const shoppers = await fundShoppers(db, Number(args.funded));

  await buildApp({ buildDir, log });
  log("Starting next start…");
  cluster = await startCluster({ databaseUrl: benchUrl, nodes: 1, buildDir, poolSize: Number(args.pool), env: { WORKERS: "0", API_RATE_LIMIT_PER_SECOND: "100000" }, loadBalancer: false, log });
  const base = cluster.url;
  const port = Number(new URL(base).port);
  const cookie = await signInAsAdmin(base);
  const created = await callTrpc(base, { path: "apiKeys.create", type: "mutation", cookie, input: { name: "bench:holds", scopes: ["credits:spend"], expiresAt: null } });
  if (created.status !== 200) throw new Error(`apiKeys.create answered ${created.status}: ${created.text.slice(0, 300)}`);
  const { secret } = resultOf<{ secret: string }>(created);
  await preparePgbenchDatabase(serverUrl, PGBENCH_DB);

  const bare = () => request({ port, method: "GET", path: "/api/health" });
  const phases: LoadPhase[] = [
    { name: "pgbench -N 32", seconds: SECONDS, run: async (t) => pgbenchLoad(pgbench({ serverUrl, database: PGBENCH_DB, args: ["-N"], clients: CLIENTS, seconds: t }), t) },
    { name: "pgbench -N 4", seconds: REFERENCE_SECONDS, run: async (t) => pgbenchLoad(pgbench({ serverUrl, database: PGBENCH_DB, args: ["-N"], clients: FEW, seconds: t }), t) },
    { name: "bare 32", seconds: REFERENCE_SECONDS, run: (t) => drive(bare, t, CLIENTS) },
    { name: "bare 4", seconds: REFERENCE_SECONDS, run: (t) => drive(bare, t, FEW) },
    { name: "checkout 32", seconds: SECONDS, run: (t) => drive(checkout(port, secret, shoppers), t, CLIENTS) },
    { name: "checkout 4", seconds: REFERENCE_SECONDS, run: (t) => drive(checkout(port, secret, shoppers), t, FEW) },
  ];
  log("Warming up for 3 s…");
  await drive(checkout(port, secret, shoppers), 3, CLIENTS);
  await drive(bare, 1, CLIENTS);

  const totals = await runInterleaved(phases, ROUNDS, agent, log);
  await cluster.stop();
  cluster = undefined;
  await dropPostgresDatabase(serverUrl, PGBENCH_DB);

  const [ledger, credits, held, holds] = await Promise.all([
    findLedgerMismatches(db),
    findCreditMismatches(db),
    findHeldMismatches(db),
    db.$queryRaw<{ status: string; n: number }[]>`SELECT status::text, count(*)::int AS n FROM credit_hold GROUP BY 1 ORDER BY 1`,
  ]);
  await close();

  const S = (name: string) => summarise(totals.get(name)!);
  const pgTps = (name: string) => totals.get(name)!.ok / totals.get(name)!.seconds;
  const pgLatency = (name: string) => totals.get(name)!.latenciesMs.reduce((a, b) => a + b, 0) / totals.get(name)!.latenciesMs.length;
  log("");
  log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  for (const clients of [CLIENTS, FEW]) {
    const c = S(`checkout ${clients}`);
    const b = S(`bare ${clients}`);
    const tps = pgTps(`pgbench -N ${clients}`);
    const total = totals.get(`checkout ${clients}`)!;
    log("");
    log(`${clients} clients`);
    log(`  pgbench -N                          tps ${fmt(tps).padStart(7)}   latency average ${fmt(pgLatency(`pgbench -N ${clients}`), 2)} ms`);
    log(`  bare route /api/health              ${summaryLine(b)}`);
    log(`  checkout (hold + capture) over HTTP ${summaryLine(c)}   (ok ${total.ok}, failed ${total.failed}; latency of the pair)`);
    log(`  requests/s (2 per checkout)         ${fmt(2 * c.opsPerSecond).padStart(7)}`);
    log(`  ratios: requests/s ÷ bare route ${fmt((2 * c.opsPerSecond) / b.opsPerSecond, 3)}   transactions/s ÷ pgbench -N ${fmt((2 * c.opsPerSecond) / tps, 3)}   checkouts/s ÷ pgbench -N ${fmt(c.opsPerSecond / tps, 3)}`);
  }
  for (const [name, result] of totals) for (const [failure, count] of result.failures) log(`    ${name}: ${count} × ${failure}`);
  log("");
  log(`holds: ${holds.map((h) => `${h.status} ${h.n}`).join(", ")}`);
  log(
    ledger.length === 0 && credits.length === 0 && held.length === 0
      ? "ledger check: every balance equals its ledger sum and its credits' remaining amounts, and its held amount its open holds: OK"
      : `ledger check: MISMATCH: ${ledger.length} balances, ${credits.length} credits, ${held.length} held amounts disagree`,
  );
  if (ledger.length || credits.length || held.length || [...totals.values()].some((t) => t.failed > 0)) process.exitCode = 1;
  if (!args["keep-db"]) await dropPostgresDatabase(serverUrl, BENCH_DB);
} finally {
  await cluster?.stop();
  agent.destroy();
  if (!args["keep-build"]) await fs.rm(buildDir, { recursive: true, force: true });
}
