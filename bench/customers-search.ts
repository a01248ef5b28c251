// `npm run bench:customers-search`: 200 varied searches through the real tRPC HTTP handler against
// the configured database (seed it first: `npm run db:seed -- --customers 1000000`). Prints
// the seed's shape, p50 / p95 / max latency against the targets (p95 < 50 ms, max < 250 ms),
// the median and worst per kind of query, and the plan of the slowest statement. The "id" kind
// (one primary-key probe through the whole stack) shows how loaded the machine was.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import pg from "pg";
import superjson from "superjson";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/prisma/generated/client";
import { appRouter } from "@/server/trpc/root";
import { createTRPCContext } from "@/server/trpc/init";
import { buildQueries } from "./customers-search-queries";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("Set DATABASE_URL to a PostgreSQL database seeded with a million customers");

type Logged = { query: string; params: string; duration: number };
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [{ emit: "event", level: "query" }] });
let logged: Logged[] = [];
db.$on("query", (event) => logged.push({ query: event.query, params: event.params, duration: Number(event.duration) }));

const staff = await db.staffUser.findFirst({ where: { role: "SUPPORT_AGENT", isActive: true } });
if (!staff) throw new Error("No support agent found: run `npm run db:seed` first");
const [shape] = await db.$queryRaw<{ customers: bigint; with_history: bigint; credits: bigint; events: bigint; balances: bigint; analyzed: Date | null }[]>`
  SELECT (SELECT count(*) FROM customer) AS customers,
         (SELECT count(DISTINCT customer_id) FROM store_credit) AS with_history,
         (SELECT count(*) FROM store_credit) AS credits,
         (SELECT count(*) FROM credit_event) AS events,
         (SELECT count(*) FROM credit_balance) AS balances,
         (SELECT greatest(last_analyze, last_autoanalyze) FROM pg_stat_user_tables WHERE relname = 'customer') AS analyzed`;
const statistics = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stats WHERE tablename = 'customer'`;
const fmt = (n: bigint | number) => Number(n).toLocaleString("en");
const total = Number(shape!.customers);
console.log(
  `seed: ${fmt(shape!.customers)} customers, ${fmt(shape!.with_history)} with a credit history ` +
    `(${((Number(shape!.with_history) / Math.max(1, total)) * 100).toFixed(0)}%), ${fmt(shape!.credits)} store credits, ` +
    `${fmt(shape!.events)} ledger events, ${fmt(shape!.balances)} balances`,
);
console.log(
  `planner statistics for customer: ${statistics[0]!.n > 0n ? `${fmt(statistics[0]!.n)} columns (analyzed ${shape!.analyzed?.toISOString() ?? "?"})` : "none (never analyzed)"}`,
);
const queries = await buildQueries(db, 200);

async function search(input: Record<string, unknown>) {
  const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const req = new Request(`http://bench.local/api/trpc/customers.search?input=${encoded}`);
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ session: { staffId: staff!.id, sessionVersion: staff!.sessionVersion, signedInAt: Date.now() / 1000 }, db }),
  });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  return (await res.json()) as { result: { data: { json: { items: unknown[]; nextCursor: string | null } } } };
}

// Warm up caches and connections the way a running server would be.
for (const { input } of queries.slice(0, 20)) await search(input);

const timings: { ms: number; kind: string; input: Record<string, unknown>; sql: Logged[] }[] = [];
for (const { kind, input } of queries) {
  logged = [];
  const started = performance.now();
  await search(input);
  timings.push({ ms: performance.now() - started, kind, input, sql: logged });
}

const sorted = [...timings].sort((a, b) => a.ms - b.ms);
const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.ms;
const p95 = at(95);
const max = sorted.at(-1)!.ms;
console.log(`customers: ${total.toLocaleString("en")}, queries: ${timings.length}`);
console.log(
  `p50 ${at(50).toFixed(1)} ms   p95 ${p95.toFixed(1)} ms   max ${max.toFixed(1)} ms   ` +
    `(targets p95 < 50 ms: ${p95 < 50 ? "met" : "NOT met"}, max < 250 ms: ${max < 250 ? "met" : "NOT met"})`,
);
console.log("per kind (median / max ms):");
const kinds = [...new Set(timings.map((t) => t.kind))];
for (const kind of kinds) {
  const ms = timings.filter((t) => t.kind === kind).map((t) => t.ms).sort((a, b) => a - b);
  console.log(`  ${kind.padEnd(22)} ${ms[Math.floor((ms.length - 1) / 2)]!.toFixed(1).padStart(7)} / ${ms.at(-1)!.toFixed(1).padStart(7)}`);
}
console.log("slowest five:");
for (const t of sorted.slice(-5).reverse()) console.log(`  ${t.ms.toFixed(1)} ms  ${JSON.stringify(t.input)}  (${t.sql.length} statements)`);

// EXPLAIN the slowest SQL statement of the slowest request, with its parameters inlined.
const slowest = sorted.at(-1)!;
const statement = [...slowest.sql].sort((a, b) => b.duration - a.duration)[0];
if (statement) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const params = JSON.parse(statement.params) as unknown[];
  const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.query}`, params);
  console.log(`\nplan of the slowest statement (${statement.duration} ms in the run):`);
  for (const row of plan.rows as { "QUERY PLAN": string }[]) console.log(`  ${row["QUERY PLAN"]}`);
  await client.end();
}
await db.$disconnect();
