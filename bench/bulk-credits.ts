// `npm run bench:bulk-credits`: bulk credit from a CSV at scale. Seeds 100,000 customers, starts
// one production server (its workers run the bulk-credit job), uploads a 100,000-row file over
// HTTP in the page's pieces, issues it and waits for the batch to complete, while 2 clients keep
// calling customers.search. Prints:
//   - the issue time (start -> COMPLETED) beside a ceiling measured in the same run: the same
//     credits written straight through issueCreditsFast from this process, chunk by chunk with the
//     job's parallelism (no queue, no HTTP, no row bookkeeping): what the database allows;
//   - customers.search p50/p99 idle and during the batch;
//   - the server's resident memory, idle and the most seen during the batch;
// and checks the targets: < 60 s, search p99 during < 2x idle, server RSS < 500 MB, every row
// exactly one credit. Exits 1 when one fails.
//
// Database `creditdesk_bench_bulk` on the server of BENCH_DATABASE_URL (default: DATABASE_URL's,
// else postgresql://postgres@127.0.0.1:5432/postgres); the app is built in a private temp folder.
import { spawn } from "node:child_process";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { buildApp, rssOfTree, startCluster } from "@/scripts/lib/cluster";
import { createDb } from "@/server/db/client";
import { applyMigrations, createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";
import { BULK_PIECE_ROWS, type BulkBatchView, type BulkRowInput } from "@/server/modules/bulk-credits/bulk-credits.schema";
import { ZIssueCreditInput } from "@/server/modules/credits/credits.schema";
import { issueCreditsFast } from "@/server/modules/credits/issue-credit";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";
import { getStaffActor } from "@/server/modules/staff/staff.service";
import { callTrpc, percentile, resultOf } from "./lib/money-workload";
import { nextEnv, signInAsAdmin } from "./lib/next-server";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    chunk: { type: "string", default: "250" },
    parallel: { type: "string", default: "4" },
    "pool-size": { type: "string", default: "20" },
    "idle-seconds": { type: "string", default: "20" },
    database: { type: "string", default: "creditdesk_bench_bulk" },
    /** Where the jobs run: "web" (inside the server, the default of `npm start`) or "process" (WORKERS=0 and `npm run worker` beside it). */
    workers: { type: "string", default: "web" },
    /** The worker process's niceness (workers=process). */
    "worker-nice": { type: "string", default: "10" },
    /** NODE_OPTIONS for the server and worker processes (e.g. --max-old-space-size=…). */
    "node-options": { type: "string", default: "" },
    rebuild: { type: "boolean", default: false },
  },
});
const ROWS = Number(args.rows);
const CHUNK = Number(args.chunk);
const PARALLEL = Number(args.parallel);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const BENCH_DB = args.database;
const TARGET_MS = 60_000;
const RSS_LIMIT = 500 * 1024 * 1024;

const log = (line: string) => console.log(line);
const mb = (bytes: number | null) => (bytes === null ? "-" : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

log(`Bulk credit bench: ${ROWS.toLocaleString("en")} rows, chunks of ${CHUNK}, ${PARALLEL} in parallel, workers ${args.workers === "process" ? `in their own process (nice ${args["worker-nice"]})` : "inside the web server"}${args["node-options"] ? `, NODE_OPTIONS ${args["node-options"]}` : ""}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
await dropPostgresDatabase(serverUrl, BENCH_DB);
const url = await createPostgresDatabase(serverUrl, BENCH_DB);
await applyMigrations({ kind: "postgres", url });
const { db, close } = await createDb({ kind: "postgres", url });
let started = Date.now();
await seedDemoData(db, { customers: ROWS, databaseUrl: url, analyze: true });
log(`seeded ${ROWS.toLocaleString("en")} customers in ${seconds(Date.now() - started)}`);
const customers = await db.$queryRaw<{ id: string; email: string }[]>`SELECT id::text, email FROM customer ORDER BY id LIMIT ${ROWS}`;
const buildDir = path.join(os.tmpdir(), `creditdesk-bench-bulk-${Buffer.from(process.cwd()).toString("base64url").slice(-16)}`);
await buildApp({ buildDir, rebuild: args.rebuild, log });
const isWorkerProcess = args.workers === "process";
const jobEnv = {
  BULK_CREDITS_INTERVAL_SECONDS: "1",
  BULK_CREDITS_CHUNK_ROWS: String(CHUNK),
  BULK_CREDITS_PARALLEL: String(PARALLEL),
  ...(args["node-options"] ? { NODE_OPTIONS: args["node-options"] } : {}),
};
const cluster = await startCluster({
  databaseUrl: url,
  nodes: 1,
  loadBalancer: false,
  buildDir,
  poolSize: Number(args["pool-size"]),
  env: { WORKERS: isWorkerProcess ? "0" : "1", ...jobEnv },
});
const node = cluster.nodes[0]!;
// `npm run worker` at a lower priority, as the README's deployment says: the jobs without a web server.
const worker = isWorkerProcess
  ? spawn("nice", ["-n", args["worker-nice"], process.execPath, path.resolve("node_modules/tsx/dist/cli.mjs"), "--import", "./scripts/lib/preflight.ts", "scripts/worker.ts"], {
      env: { ...nextEnv(), NODE_ENV: "production", DATABASE_URL: url, DATABASE_POOL_SIZE: args["pool-size"], ...jobEnv },
      stdio: ["ignore", "pipe", "pipe"],
    })
  : null;
let workerOutput = "";
worker?.stdout!.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
worker?.stderr!.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
for (const deadline = Date.now() + 120_000; worker && !workerOutput.includes("Worker running"); await sleep(200)) {
  if (worker.exitCode !== null || Date.now() > deadline) throw new Error(`The worker process did not start:\n${workerOutput}`);
}
/** Every process that serves the UI or does the batch's work (their trees: a child counts too). */
const serverPids = () => [node.pid(), worker?.pid];

type Search = { ms: number; ok: boolean };
/** `clients` loops of customers.search until `stop()`; each call's time. */
function searchLoad(cookie: string, clients: number) {
  const calls: Search[] = [];
  let isStopped = false;
  const queries = ["an", "Ma", "son", "Lee", "ar", "john", "smi"];
  const loops = Array.from({ length: clients }, async (_, client) => {
    for (let i = client; !isStopped; i++) {
      const at = performance.now();
      const answer = await callTrpc(cluster.url, { path: "customers.search", type: "query", input: { query: queries[i % queries.length] }, cookie });
      calls.push({ ms: performance.now() - at, ok: answer.status === 200 });
      await sleep(50);
    }
  });
  return {
    stop: async () => {
      isStopped = true;
      await Promise.all(loops);
      return calls;
    },
  };
}
/** The most resident memory seen of the server's process tree, sampled every 200 ms until `stop()`. */
function rssSampler(pids: () => (number | undefined)[]) {
  let max = 0;
  let isStopped = false;
  const loop = (async () => {
    while (!isStopped) {
      const sizes = await Promise.all(pids().map((pid) => rssOfTree(pid)));
      max = Math.max(max, sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0));
      await sleep(200);
    }
  })();
  return {
    stop: async () => {
      isStopped = true;
      await loop;
      return max;
    },
  };
}
const stats = (calls: Search[]) => {
  const ok = calls.filter((c) => c.ok).map((c) => c.ms);
  return { n: ok.length, errors: calls.length - ok.length, p50: percentile(ok, 50), p99: percentile(ok, 99) };
};

const checks: [string, boolean][] = [];
try {
  const cookie = await signInAsAdmin(cluster.url);
  const call = async <T>(pathName: string, type: "query" | "mutation", input: unknown): Promise<T> => {
    const answer = await callTrpc(cluster.url, { path: pathName, type, input, cookie, timeoutMs: 120_000 });
    if (answer.status !== 200) throw new Error(`${pathName}: ${answer.status} ${answer.text.slice(0, 300)}`);
    return resultOf<T>(answer);
  };
  // Warm-up, then the idle figures.
  for (let i = 0; i < 20; i++) await callTrpc(cluster.url, { path: "customers.search", type: "query", input: { query: "an" }, cookie });
  const idleLoad = searchLoad(cookie, 2);
  await sleep(Number(args["idle-seconds"]) * 1000);
  const idle = stats(await idleLoad.stop());
  const idleRss = (await Promise.all(serverPids().map((pid) => rssOfTree(pid)))).reduce<number>((sum, size) => sum + (size ?? 0), 0);

  // The file: one row per customer, as the page sends it.
  const rows: BulkRowInput[] = customers.map((c, i) => ({
    line: i + 2,
    customer: c.email,
    amount: `${(i % 40) + 1}.${String(i % 100).padStart(2, "0")}`,
    currency: "USD",
    category: "Goodwill",
    memo: "Outage compensation",
    expiry: "",
    notify: i % 20 === 0 ? "yes" : "no",
  }));
  const uploadRss = rssSampler(serverPids);
  started = Date.now();
  const { batchId } = await call<{ batchId: string }>("bulkCredits.createDraft", "mutation", {
    fileName: "bench.csv",
    rowCount: rows.length,
    byteCount: rows.length * 60,
    columns: ["customer", "amount", "currency", "category", "memo", "expiry", "notify"],
  });
  for (let start = 0; start < rows.length; start += BULK_PIECE_ROWS) {
    await call("bulkCredits.addRows", "mutation", { batchId, rows: rows.slice(start, start + BULK_PIECE_ROWS) });
  }
  await call("bulkCredits.finishUpload", "mutation", { batchId });
  const uploadMs = Date.now() - started;
  const uploadMaxRss = await uploadRss.stop();
  const preview = await call<BulkBatchView>("bulkCredits.get", "query", { batchId });
  log(`uploaded and checked ${preview.rowCount.toLocaleString("en")} rows (${preview.validRows.toLocaleString("en")} valid) in ${seconds(uploadMs)}`);

  // The batch, with search running beside it and the server's memory sampled.
  const busyLoad = searchLoad(cookie, 2);
  const batchRss = rssSampler(serverPids);
  started = Date.now();
  await call("bulkCredits.start", "mutation", { batchId, idempotencyKey: crypto.randomUUID() });
  let batch: BulkBatchView;
  for (;;) {
    await sleep(500);
    batch = await call<BulkBatchView>("bulkCredits.get", "query", { batchId });
    if (batch.status !== "RUNNING") break;
    if (Date.now() - started > 10 * 60_000) throw new Error(`not done after 10 minutes: ${batch.doneRows} rows`);
  }
  const issueMs = Date.now() - started;
  const busy = stats(await busyLoad.stop());
  const maxRss = Math.max(uploadMaxRss, await batchRss.stop());

  // Exactly once: every row has its own credit, and no credit beyond them.
  const [once] = await db.$queryRaw<{ rows: number; credits: number; distinctCredits: number }[]>`
    SELECT count(*)::int AS rows, (SELECT count(*)::int FROM store_credit WHERE memo = 'Outage compensation') AS credits,
      count(DISTINCT credit_id)::int AS "distinctCredits"
    FROM bulk_credit_row WHERE batch_id = ${batchId}::uuid AND status = 'CREATED'`;

  // The ceiling: the same credits straight through issueCreditsFast, CHUNK per statement, PARALLEL at once.
  const actor = (await getStaffActor(db, batch.createdBy.id))!;
  const inputs = customers.map((c, i) =>
    ZIssueCreditInput.parse({
      idempotencyKey: crypto.randomUUID(),
      customerId: c.id,
      amount: rows[i]!.amount,
      currency: "USD",
      categoryId: DEFAULT_CATEGORY_IDS.goodwill,
      memo: "Ceiling",
      expiresAt: null,
      notifyCustomer: i % 20 === 0,
    }),
  );
  started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let at = next; at < inputs.length; at = next) {
        next += CHUNK;
        await issueCreditsFast({ db, actor }, inputs.slice(at, at + CHUNK));
      }
    }),
  );
  const ceilingMs = Date.now() - started;

  log("");
  log(`issue ${ROWS.toLocaleString("en")} credits (start -> COMPLETED)   ${seconds(issueMs).padStart(8)}   (${Math.round(ROWS / (issueMs / 1000))} credits/s)`);
  log(`ceiling: same credits, issueCreditsFast in-process ${seconds(ceilingMs).padStart(8)}   (${Math.round(ROWS / (ceilingMs / 1000))} credits/s)   bulk / ceiling ${(issueMs / ceilingMs).toFixed(2)}`);
  log(`customers.search idle    p50 ${idle.p50.toFixed(1)} ms  p99 ${idle.p99.toFixed(1)} ms  (${idle.n} calls, ${idle.errors} errors)`);
  log(`customers.search during  p50 ${busy.p50.toFixed(1)} ms  p99 ${busy.p99.toFixed(1)} ms  (${busy.n} calls, ${busy.errors} errors)  p99 ratio ${(busy.p99 / idle.p99).toFixed(2)}`);
  log(`load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (other processes on the machine count: compare runs with care)`);
  log(`server RSS (process tree) idle ${mb(idleRss)}, most during the upload ${mb(uploadMaxRss)}, most during upload and batch ${mb(maxRss)}`);
  log("");
  checks.push(
    [`batch completed with ${batch.createdRows.toLocaleString("en")} created, ${batch.failedRows} failed`, batch.status === "COMPLETED" && batch.createdRows === ROWS],
    [`every row exactly one credit: ${once!.rows} rows, ${once!.distinctCredits} distinct credits, ${once!.credits} credits with the batch's memo`, once!.rows === ROWS && once!.distinctCredits === ROWS && once!.credits === ROWS],
    [`issue time ${seconds(issueMs)} < 60 s`, issueMs < TARGET_MS],
    [`search p99 during ${busy.p99.toFixed(1)} ms < 2 x idle ${idle.p99.toFixed(1)} ms`, busy.p99 < 2 * idle.p99],
    [`server RSS ${mb(maxRss)} < 500 MB`, maxRss < RSS_LIMIT],
    [`search errors during the batch: ${busy.errors}`, busy.errors === 0],
  );
  for (const [line, isMet] of checks) log(`${isMet ? "ok  " : "FAIL"} ${line}`);
  process.exitCode = checks.every(([, isMet]) => isMet) ? 0 : 1;
} catch (error) {
  log(`Bench failed: ${error instanceof Error ? error.message : String(error)}\n${node.output().slice(-3000)}\n${workerOutput.slice(-3000)}`);
  process.exitCode = 1;
} finally {
  if (worker && worker.exitCode === null) {
    const exited = once(worker, "exit");
    worker.kill("SIGTERM");
    await exited;
  }
  await cluster.stop();
  await close();
}
