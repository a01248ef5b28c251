// `npm run bench:reports`: the reports at the issue's scale, in-process (the services the tRPC
// procedures call; the dashboard through the tRPC caller, as its page's server part does).
//
//   1. uses (or makes) the database --database (default `creditdesk_bench_reports`) on the server
//      of BENCH_DATABASE_URL (default: DATABASE_URL's server, else
//      postgresql://postgres@127.0.0.1:5432/postgres): the seed's own million customers with
//      --events (5,000,000) ledger events (`npm run db:seed -- --customers N --events E`: 2+ years
//      of issued, spent, expired, voided, adjusted and refunded-to-credit credit, balances equal to
//      the ledger, the roll-up rebuilt); an existing database with at least that many customers
//      and events is reused (--reseed makes it again);
//   2. rebuilds the ledger roll-up (what the seed and the ledger-rollup job's first run do) and times it;
//   3. times, RUNS calls each after a warm-up: outstanding credit as of now, the liability report
//      as of now and as of random past days, the 12-month trend alone, aging, and the dashboard;
//   4. measures the ceiling in the same run: the same as-of-now figure summed straight over the
//      whole ledger (what every as-of query would cost without the roll-up), and a bare SELECT 1;
//   5. prints p50 / p95 / max per case beside its target and the ceiling; exits non-zero when a
//      case's p95 misses its target.
import { execFileSync } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDb, type Db } from "@/server/db/client";
import { applyMigrations, createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";
import { getAgingReport } from "@/server/modules/reports/aging-report";
import { rebuildLedgerRollup } from "@/server/modules/reports/ledger-rollup";
import { findRollupState, sumMovements } from "@/server/modules/reports/liability.repo";
import { getLiabilityReport, movementQuery } from "@/server/modules/reports/liability-report";
import { addUtcDays, addUtcMonths, isoDay, startOfUtcMonth } from "@/server/modules/reports/utc-days";
import { createTRPCContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";

const { values: args } = parseArgs({
  options: {
    customers: { type: "string", default: "1000000" },
    events: { type: "string", default: "5000000" },
    runs: { type: "string", default: "15" },
    reseed: { type: "boolean", default: false },
    database: { type: "string", default: "creditdesk_bench_reports" },
  },
});
const CUSTOMERS = Number(args.customers);
const EVENTS = Number(args.events);
const RUNS = Number(args.runs);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const BENCH_DB = args.database;
const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function count(client: pg.Client, sql: string): Promise<number> {
  return Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
}

async function shapeOf(url: string): Promise<{ customers: number; events: number } | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    // Estimates: exact counts of 5 million rows take seconds and the shape only has to be about right.
    const customers = await count(client, "SELECT count(*) AS n FROM customer");
    const events = await count(client, "SELECT count(*) AS n FROM credit_event");
    return { customers, events };
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function prepare(): Promise<string> {
  const url = new URL(serverUrl);
  url.pathname = `/${BENCH_DB}`;
  const benchUrl = url.toString();
  const shape = args.reseed ? null : await shapeOf(benchUrl);
  if (!shape || shape.customers < CUSTOMERS || shape.events < EVENTS) {
    await dropPostgresDatabase(serverUrl, BENCH_DB).catch(() => undefined);
    await createPostgresDatabase(serverUrl, BENCH_DB);
    await applyMigrations({ kind: "postgres", url: benchUrl });
    log(`seeding ${CUSTOMERS.toLocaleString("en-GB")} customers and ${EVENTS.toLocaleString("en-GB")} ledger events (npm run db:seed)…`);
    const started = performance.now();
    execFileSync("npx", ["tsx", "--import", "./scripts/lib/preflight.ts", "prisma/seed.ts", "--customers", String(CUSTOMERS), "--events", String(EVENTS)], {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: benchUrl },
    });
    log(`  seed: ${seconds(performance.now() - started)}`);
  } else {
    await applyMigrations({ kind: "postgres", url: benchUrl });
  }
  return benchUrl;
}

type Timing = { name: string; targetMs: number | null; samples: number[] };

async function time(name: string, targetMs: number | null, call: (run: number) => Promise<unknown>): Promise<Timing> {
  await call(-1);
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await call(run);
    samples.push(performance.now() - started);
  }
  return { name, targetMs, samples };
}

const percentile = (samples: number[], p: number) => {
  const sorted = samples.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function main() {
  const url = await prepare();
  const { db, close } = await createDb({ kind: "postgres", url });
  try {
    const shape = await shapeOf(url);
    log(`database: ${shape?.customers.toLocaleString("en-GB")} customers, ${shape?.events.toLocaleString("en-GB")} ledger events; ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`);
    // The seed's mix, so a reader sees the ledger is more than one kind of event.
    const mix = await db.$queryRaw<{ type: string; n: bigint; first: Date }[]>`
      SELECT type::text AS type, count(*) AS n, min(created_at) AS first FROM credit_event GROUP BY type ORDER BY count(*) DESC`;
    const first = mix.reduce<Date | null>((a, m) => (!a || m.first < a ? m.first : a), null);
    log(`ledger: ${mix.map((m) => `${m.type} ${m.n.toLocaleString("en-GB")}`).join(", ")}; since ${first ? isoDay(first) : "–"}`);

    const rollupStarted = performance.now();
    const rollup = await rebuildLedgerRollup(db);
    log(`roll-up rebuilt: hours ${rollup.from?.toISOString()} to ${rollup.closedThrough?.toISOString()}, ${rollup.bucketRows} rows, ${seconds(performance.now() - rollupStarted)}`);
    await db.$executeRawUnsafe("ANALYZE credit_ledger_hour");

    const timings = await runCases(db);
    printTable(timings);
    const missed = timings.filter((t) => t.targetMs !== null && percentile(t.samples, 95) >= t.targetMs);
    if (missed.length > 0) {
      log(`missed: ${missed.map((t) => t.name).join(", ")}`);
      process.exitCode = 1;
    }
  } finally {
    await close();
  }
}

async function runCases(db: Db): Promise<Timing[]> {
  const now = () => new Date();
  const rollup = await findRollupState(db);
  const pastDays = Array.from({ length: RUNS + 1 }, (_, i) => isoDay(addUtcDays(now(), -1 - ((i * 37) % 420))));
  const admin = await db.staffUser.findFirst({ where: { role: "ADMIN", isActive: true }, select: { id: true, sessionVersion: true } });
  if (!admin) throw new Error("No active admin: the seed makes admin@creditdesk.test");
  const session = { staffId: admin.id, sessionVersion: admin.sessionVersion, signedInAt: Date.now() / 1000 };

  const cases: Timing[] = [];
  cases.push(await time("outstanding credit as of now (per currency)", 300, () => sumMovements(db, movementQuery({ from: null, to: now(), rollup }))));
  cases.push(await time("liability report as of now (every section)", 300, () => getLiabilityReport(db, {})));
  cases.push(await time("liability report as of a past day", 1000, (run) => getLiabilityReport(db, { asOf: pastDays[run + 1]! })));
  cases.push(
    await time("12-month trend (month ends and movements)", 1000, async () => {
      const start = addUtcMonths(startOfUtcMonth(now()), -11);
      await Promise.all([
        sumMovements(db, movementQuery({ from: null, to: start, rollup })),
        sumMovements(db, movementQuery({ from: start, to: now(), rollup, bucket: "month" })),
      ]);
    }),
  );
  cases.push(
    await time("dashboard (reports.dashboard, tRPC caller)", 300, async () => {
      const caller = createCaller(await createTRPCContext({ db, session }));
      await caller.reports.dashboard();
    }),
  );
  cases.push(await time("aging as of now (every credit's remainder)", null, () => getAgingReport(db, {})));
  cases.push(await time("ceiling: as of now summed over the whole ledger", null, () => db.$queryRaw`SELECT currency, sum(amount_minor) FROM credit_event WHERE created_at < ${now()} GROUP BY currency`));
  cases.push(await time("floor: SELECT 1", null, () => db.$queryRaw`SELECT 1`));
  return cases;
}

function printTable(timings: Timing[]) {
  const ceiling = timings.find((t) => t.name.startsWith("ceiling"));
  const ceilingP50 = ceiling ? percentile(ceiling.samples, 50) : null;
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  log("");
  log(`| case (${RUNS} runs) | p50 | p95 | max | target (p95) | p50 ÷ ceiling |`);
  log("| --- | --- | --- | --- | --- | --- |");
  for (const t of timings) {
    const p50 = percentile(t.samples, 50);
    const p95 = percentile(t.samples, 95);
    const verdict = t.targetMs === null ? "–" : `< ${t.targetMs} ms ${p95 < t.targetMs ? "ok" : "MISSED"}`;
    const ratio = ceilingP50 && t !== ceiling ? (p50 / ceilingP50).toFixed(3) : "–";
    log(`| ${t.name} | ${fmt(p50)} | ${fmt(p95)} | ${fmt(Math.max(...t.samples))} | ${verdict} | ${ratio} |`);
  }
}

await main();
