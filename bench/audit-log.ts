// `npm run bench:audit-log`: the audit log page's queries on a million rows, in-process (the
// service the tRPC procedure calls, no HTTP: bench:credits measures the web stack).
//
//   1. creates (or recreates) the database `creditdesk_bench_audit` on the server of
//      BENCH_DATABASE_URL (default: DATABASE_URL's server, else postgresql://postgres@127.0.0.1:5432/postgres),
//      migrates it and fills it in SQL (generate_series): 24 staff members, 50,000 customers and
//      ROWS (1,000,000) audit rows over the last 365 days, with busy and quiet staff members,
//      viewers who only sign in, frequent and rare actions, and customers on money actions only;
//   2. times audit.list's first page with no filter and with each filter the page offers (and
//      combinations of them), plus the second keyset page of each: RUNS timed calls after a warm-up;
//   3. EXPLAINs each case's statement and refuses a plan that reads audit_log without an index;
//   4. runs `pgbench -N` (1 client, as the calls here are one at a time) on a scratch database;
//   5. prints each case's p50 and slowest call next to pgbench's average latency and the ratio,
//      the filter choices' timing, and (for reference only) two CSV exports.
// Exits non-zero when a case's slowest call takes 200 ms or more, or a plan scans the table.
import { execFileSync } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDb } from "@/server/db/client";
import { applyMigrations, createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";
import type { Actor } from "@/server/lib/service-context";
import { auditListSql, type AuditFilters } from "@/server/modules/audit/audit.repo";
import { ZAuditCsvInput, ZAuditListInput, type AuditListInput } from "@/server/modules/audit/audit.schema";
import { auditFiltersOf, getAuditCsv, getAuditFilterOptions, listAuditEntries } from "@/server/modules/audit/audit.service";
import { decodeTimeIdCursor } from "@/server/lib/cursor";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    runs: { type: "string", default: "20" },
    "keep-db": { type: "boolean", default: false },
  },
});
const ROWS = Number(args.rows);
const RUNS = Number(args.runs);
const TARGET_MS = 200;
const PAGE_SIZE = 50;
const PGBENCH_SECONDS = 10;
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const BENCH_DB = "creditdesk_bench_audit";
const PGBENCH_DB = "creditdesk_pgbench_audit";
const log = (line: string) => console.log(line);

// --- 1. Fill ------------------------------------------------------------------------------------

// Weighted like a store's week: money actions and sign-ins dominate, settings and roles are rare.
const ACTIONS: [action: string, entityType: string, weight: number, hasCustomer: boolean][] = [
  ["credit.issue", "store_credit", 22, true],
  ["credit.spend", "store_credit", 18, true],
  ["credit.update", "store_credit", 6, true],
  ["credit.void", "store_credit", 2, true],
  ["credit.set_balance", "customer", 1.5, true],
  ["credit.send", "store_credit", 2, true],
  ["credit.expire", "store_credit", 3, true],
  ["refund.create", "refund", 8, true],
  ["refund.succeed", "refund", 7, true],
  ["refund.fail", "refund", 0.6, true],
  ["approval.request", "approval_request", 1, true],
  ["auth.sign_in", "staff_user", 16, false],
  ["auth.sign_out", "staff_user", 9, false],
  ["auth.sign_in_failed", "staff_user", 2, false],
  ["settings.category.create", "credit_category", 0.05, false],
  ["settings.category.rename", "credit_category", 0.05, false],
  ["settings.currency.enable", "store_currency", 0.02, false],
  ["role.create", "role", 0.02, false],
  ["role.update", "role", 0.03, false],
  ["staff.create", "staff_user", 0.03, false],
  ["staff.change_role", "staff_user", 0.03, false],
  ["staff.deactivate", "staff_user", 0.02, false],
];

async function fill(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // 24 staff: 4 admins, 4 managers, 12 support agents, 4 viewers (who only sign in and out).
    await client.query(`
      INSERT INTO staff_user (id, email, name, password_hash, role, updated_at)
      SELECT gen_random_uuid(), 'bench-staff-' || i || '@example.test', 'Bench staff ' || lpad(i::text, 2, '0'), 'not-a-hash',
             CASE WHEN i <= 4 THEN 'ADMIN' WHEN i <= 8 THEN 'MANAGER' WHEN i <= 20 THEN 'SUPPORT_AGENT' ELSE 'VIEWER' END, now()
      FROM generate_series(1, 24) i`);
    await client.query(`
      INSERT INTO customer (id, first_name, last_name, email, search_name, sort_name, created_at)
      SELECT gen_random_uuid(), 'Bench', 'Customer ' || i, 'bench-customer-' || i || '@example.test',
             'bench customer ' || i, 'customer ' || i || ' bench', now() - interval '400 days'
      FROM generate_series(1, 50000) i`);
    // Cumulative weights: row i takes the first action whose cumulative weight passes its draw.
    const total = ACTIONS.reduce((sum, a) => sum + a[2], 0);
    let running = 0;
    const bounds = ACTIONS.map((a) => (running += a[2]) / total);
    const actionCases = ACTIONS.map((a, i) => `WHEN r.pick < ${bounds[i]} THEN ${i + 1}`).join(" ");
    const arr = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(",")}]`;
    await client.query(`
      CREATE TEMP TABLE bench_staff AS SELECT row_number() OVER (ORDER BY name) AS n, id, role FROM staff_user WHERE email LIKE 'bench-staff-%';
      CREATE TEMP TABLE bench_customer AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM customer WHERE email LIKE 'bench-customer-%';
      CREATE INDEX ON bench_staff (n); CREATE INDEX ON bench_customer (n);
      ANALYZE bench_staff; ANALYZE bench_customer;`);
    await client.query(`
      INSERT INTO audit_log (id, actor_id, actor_role, action, entity_type, entity_id, customer_id, reason, before, after, ip, user_agent, details, created_at)
      SELECT gen_random_uuid(),
             s.id, s.role,
             (${arr(ACTIONS.map((a) => a[0]))})[k.a],
             (${arr(ACTIONS.map((a) => a[1]))})[k.a],
             -- about three entries per target: a credit is issued, updated, spent
             md5('target' || (r.i / 3))::uuid::text,
             CASE WHEN (${`ARRAY[${ACTIONS.map((a) => a[3]).join(",")}]`})[k.a] THEN c.id END,
             CASE WHEN r.i % 7 = 0 THEN 'Customer asked by phone' END,
             CASE WHEN r.i % 5 = 0 THEN jsonb_build_object('memo', 'old memo') END,
             jsonb_build_object('amountMinor', (r.i % 20000)::text, 'currency', 'USD'),
             '10.0.' || (r.i % 250) || '.' || (r.i % 200), 'Mozilla/5.0 (bench) Firefox/1' || (r.i % 40), '{}'::jsonb,
             now() - (r.age * interval '365 days')
      FROM (SELECT i, random() AS pick, random() AS age, random() AS who, random() AS whom FROM generate_series(1, ${ROWS}) i) r
      CROSS JOIN LATERAL (SELECT CASE ${actionCases} ELSE ${ACTIONS.length} END AS a) k
      -- Money actions: support agents and managers most, some busier than others (who^2 skews);
      -- expiry and storefront spends are the system's (no actor); viewers only sign in and out.
      LEFT JOIN bench_staff s ON s.n = CASE
        WHEN (${arr(ACTIONS.map((a) => a[0]))})[k.a] IN ('credit.expire', 'credit.spend') AND r.who < 0.8 THEN NULL
        WHEN (${arr(ACTIONS.map((a) => a[0]))})[k.a] LIKE 'auth.%' THEN 1 + floor(r.who * 24)::int
        WHEN (${arr(ACTIONS.map((a) => a[0]))})[k.a] ~ '^(settings|role|staff)\\.' THEN 1 + floor(r.who * 4)::int
        ELSE 1 + floor(r.who * r.who * 20)::int END
      LEFT JOIN bench_customer c ON c.n = 1 + floor(r.whom * 50000)::int`);
    await client.query("VACUUM ANALYZE audit_log");
    await client.query("VACUUM ANALYZE staff_user");
    await client.query("VACUUM ANALYZE customer");
  } finally {
    await client.end();
  }
}

// --- 2./3. Cases, timings and plans ----------------------------------------------------------------

type Case = { name: string; input: Omit<AuditListInput, "limit" | "cursor"> };

async function cases(url: string): Promise<Case[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async <T>(sql: string) => (await client.query(sql)).rows[0] as T;
    const busy = await one<{ id: string }>(`SELECT actor_id AS id FROM audit_log WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY count(*) DESC LIMIT 1`);
    const quiet = await one<{ id: string }>(`SELECT actor_id AS id FROM audit_log WHERE actor_role = 'SUPPORT_AGENT' GROUP BY actor_id ORDER BY count(*) LIMIT 1`);
    const viewer = await one<{ id: string }>(`SELECT id FROM staff_user WHERE role = 'VIEWER' AND email LIKE 'bench-staff-%' LIMIT 1`);
    const customer = await one<{ id: string }>(`SELECT customer_id AS id FROM audit_log WHERE customer_id IS NOT NULL GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1`);
    const target = await one<{ type: string; id: string }>(`SELECT entity_type AS type, entity_id AS id FROM audit_log WHERE action = 'credit.update' LIMIT 1`);
    const day = 86_400_000;
    const now = Date.now();
    const lastWeek = { from: new Date(now - 7 * day), to: new Date(now) };
    const aYearAgo = { from: new Date(now - 360 * day), to: new Date(now - 350 * day) };
    return [
      { name: "first page, no filter", input: {} },
      { name: "area credit (60% of rows)", input: { area: "credit" } },
      { name: "area auth", input: { area: "auth" } },
      { name: "area settings (rare)", input: { area: "settings" } },
      { name: "action credit.issue", input: { action: "credit.issue" } },
      { name: "action role.create (rare)", input: { action: "role.create" } },
      { name: "busiest staff member", input: { actorId: busy.id } },
      { name: "quietest support agent", input: { actorId: quiet.id } },
      { name: "busiest customer", input: { customerId: customer.id } },
      { name: "one target", input: { targetType: target.type, targetId: target.id } },
      { name: "last 7 days", input: lastWeek },
      { name: "10 days a year ago", input: aYearAgo },
      { name: "busiest + area refund", input: { actorId: busy.id, area: "refund" } },
      { name: "quietest + action credit.void", input: { actorId: quiet.id, action: "credit.void" } },
      { name: "viewer + area credit (none)", input: { actorId: viewer.id, area: "credit" } },
      { name: "customer + area refund", input: { customerId: customer.id, area: "refund" } },
      { name: "area settings + a year ago", input: { area: "settings", ...aYearAgo } },
      { name: "action credit.issue + last 7 days", input: { action: "credit.issue", ...lastWeek } },
      { name: "busiest + a year ago", input: { actorId: busy.id, ...aYearAgo } },
      { name: "customer + target + last 7 days", input: { customerId: customer.id, targetType: target.type, targetId: target.id, ...lastWeek } },
      { name: "every filter at once", input: { area: "credit", action: "credit.issue", actorId: busy.id, customerId: customer.id, ...aYearAgo } },
    ];
  } finally {
    await client.end();
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function time(call: () => Promise<unknown>): Promise<{ p50: number; max: number }> {
  await call(); // warm-up: plan cache, buffers
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await call();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), max: ms.at(-1)! };
}

/** The statement audit.list runs, as the repo builds it, EXPLAINed on the same data. */
async function planOf(client: pg.Client, filters: AuditFilters, before: { at: Date; id: string } | null) {
  const sql = auditListSql({ filters, before, limit: PAGE_SIZE + 1 });
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql.text}`, sql.values as unknown[]);
  const plan = rows.map((r) => r["QUERY PLAN"]);
  const scansTable = plan.some((line) => /Seq Scan on audit_log/.test(line));
  const indexes = [...new Set(plan.flatMap((line) => [...line.matchAll(/using (audit_log_\w+)|on (audit_log_\w+_idx)/g)].map((m) => m[1] ?? m[2]!)))];
  return { plan, scansTable, indexes };
}

// --- 4. pgbench ----------------------------------------------------------------------------------

function runPgbench(): { tps: number; latencyMs: number } {
  const url = new URL(serverUrl);
  const connection = ["-h", url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username || "postgres")];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  execFileSync("pgbench", ["-i", "-q", ...connection, PGBENCH_DB], { env, stdio: ["ignore", "ignore", "pipe"] });
  const output = execFileSync("pgbench", ["-N", "-c", "1", "-j", "1", "-T", String(PGBENCH_SECONDS), ...connection, PGBENCH_DB], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1]);
  if (!Number.isFinite(tps) || !Number.isFinite(latencyMs)) throw new Error(`Could not read pgbench's figures:\n${output}`);
  return { tps, latencyMs };
}

// --- Run -----------------------------------------------------------------------------------------

log(`PostgreSQL: ${new URL(serverUrl).host}   audit rows: ${ROWS.toLocaleString("en")}   timed calls per case: ${RUNS}`);
await dropPostgresDatabase(serverUrl, BENCH_DB);
const url = await createPostgresDatabase(serverUrl, BENCH_DB);
let failed = false;
try {
  await applyMigrations({ kind: "postgres", url });
  const fillStarted = performance.now();
  log(`Filling ${BENCH_DB}…`);
  await fill(url);
  log(`  filled and analysed in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`);

  const benchCases = await cases(url);
  const { db, close } = await createDb({ kind: "postgres", url });
  const explain = new pg.Client({ connectionString: url });
  await explain.connect();
  type Result = { name: string; page: 1 | 2; rows: number; p50: number; max: number; indexes: string[]; scansTable: boolean };
  const results: Result[] = [];
  const csvTimings: { name: string; rows: number; ms: number }[] = [];
  try {
    const staff = await db.staffUser.findFirstOrThrow({ where: { role: "VIEWER" } });
    // audit.list's service as the procedure calls it; only the permission check of the router is left out.
    const actor: Actor = { id: staff.id, email: staff.email, name: staff.name, role: "VIEWER", roleName: "Viewer", permissions: ["audit:read"], request: null };
    for (const c of benchCases) {
      const first = await listAuditEntries({ db, actor }, ZAuditListInput.parse({ ...c.input, limit: PAGE_SIZE }));
      const pages: { page: 1 | 2; cursor: string | null; rows: number }[] = [{ page: 1, cursor: null, rows: first.items.length }];
      if (first.nextCursor) {
        const second = await listAuditEntries({ db, actor }, ZAuditListInput.parse({ ...c.input, limit: PAGE_SIZE, cursor: first.nextCursor }));
        pages.push({ page: 2, cursor: first.nextCursor, rows: second.items.length });
      }
      for (const p of pages) {
        const input = ZAuditListInput.parse({ ...c.input, limit: PAGE_SIZE, cursor: p.cursor });
        const timing = await time(() => listAuditEntries({ db, actor }, input));
        const plan = await planOf(explain, auditFiltersOf(c.input), decodeTimeIdCursor(p.cursor));
        results.push({ name: c.name, page: p.page, rows: p.rows, ...timing, indexes: plan.indexes, scansTable: plan.scansTable });
        if (plan.scansTable) log(`\nplan of "${c.name}" page ${p.page} scans audit_log:\n  ${plan.plan.join("\n  ")}`);
      }
    }
    // The page also loads its filter choices (staff members, actions, target types) once.
    const options = await getAuditFilterOptions({ db, actor });
    const optionsTiming = await time(() => getAuditFilterOptions({ db, actor }));
    results.push({ name: "filter choices (audit.filterOptions)", page: 1, rows: options.actions.length, ...optionsTiming, indexes: ["skip scans"], scansTable: false });
    // The export reads up to 10,000 rows in pages of 1,000: reported, not held to the page's target.
    for (const c of [benchCases[0]!, benchCases.find((x) => x.name === "busiest customer")!]) {
      const started = performance.now();
      const csv = await getAuditCsv({ db, actor }, ZAuditCsvInput.parse(c.input));
      csvTimings.push({ name: c.name, rows: csv.rowCount, ms: performance.now() - started });
    }
  } finally {
    await explain.end();
    await close();
  }

  log(`Running pgbench -N (1 client, ${PGBENCH_SECONDS} s)…`);
  await dropPostgresDatabase(serverUrl, PGBENCH_DB);
  await createPostgresDatabase(serverUrl, PGBENCH_DB);
  const pgbench = runPgbench();
  await dropPostgresDatabase(serverUrl, PGBENCH_DB);

  log("");
  log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  log(`pgbench -N, 1 client: tps ${pgbench.tps.toFixed(1)}, latency average ${pgbench.latencyMs.toFixed(3)} ms (one write transaction)`);
  log(`audit.list (${PAGE_SIZE} a page), in-process; ratio = p50 ÷ pgbench's average latency; target: slowest < ${TARGET_MS} ms`);
  log(`  ${"case".padEnd(40)} page  rows     p50 ms   max ms   ratio  index`);
  for (const r of results) {
    const ok = r.max < TARGET_MS && !r.scansTable;
    if (!ok) failed = true;
    log(
      `  ${r.name.padEnd(40)} ${String(r.page).padStart(4)}  ${String(r.rows).padStart(4)}  ${r.p50.toFixed(2).padStart(9)}  ${r.max.toFixed(2).padStart(7)}  ${(r.p50 / pgbench.latencyMs).toFixed(1).padStart(6)}  ${r.scansTable ? "SEQ SCAN" : r.indexes.join(", ")}${ok ? "" : "   NOT met"}`,
    );
  }
  for (const c of csvTimings) log(`audit.csv, ${c.name}: ${c.rows} rows in ${c.ms.toFixed(0)} ms (not held to the target)`);
  const slowest = results.reduce((a, b) => (b.max > a.max ? b : a));
  log(`slowest call: ${slowest.max.toFixed(1)} ms ("${slowest.name}", page ${slowest.page})   (target < ${TARGET_MS} ms: ${failed ? "NOT met" : "met"})`);
} finally {
  if (!args["keep-db"]) await dropPostgresDatabase(serverUrl, BENCH_DB);
}
if (failed) process.exitCode = 1;
