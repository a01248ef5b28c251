// `npm run test:cluster`: two production servers on one throw-away PostgreSQL database behind
// HAProxy (scripts/lib/cluster.ts) agree with each other, lose no acknowledged write when one dies,
// and ride out a PostgreSQL restart. Needs HAProxy and a local PostgreSQL cluster it may restart
// (pg_ctlcluster): .ci/run provides both. The restart cuts every session on that server for a
// few seconds, other test runs included, so it happens once, briefly.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, findLostWrites, resultOf, startMoneyWorkload, type WorkloadStats } from "@/bench/lib/money-workload";
import { signIn } from "@/bench/lib/next-server";
import { DEMO_PASSWORD, DEMO_STAFF } from "@/prisma/seed/demo-staff";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { buildApp, startCluster, type Cluster } from "@/scripts/lib/cluster";
import { createDb, type Db } from "@/server/db/client";
import { applyMigrations, createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";
import { findCreditMismatches, findLedgerMismatches } from "@/server/modules/credits/ledger-check";

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `creditdesk_cluster_${randomBytes(4).toString("hex")}`;
const emailOf = (role: string) => DEMO_STAFF.find((s) => s.role === role)!.email;
/** What must never reach a client: driver, ORM or SQL text. */
const DRIVER_TEXT = /prisma|ECONN|postgres|pg_|SQL|terminating|Invalid `|at \//i;

let cluster: Cluster;
let db: Db;
let closeDb: () => Promise<void>;
let customerIds: string[];
let adminCookie: string;
let startedAt: number;

beforeAll(async () => {
  const url = await createPostgresDatabase(serverUrl, dbName);
  await applyMigrations({ kind: "postgres", url });
  ({ db, close: closeDb } = await createDb({ kind: "postgres", url }));
  await seedDemoData(db, { customers: 200 });
  customerIds = (await db.customer.findMany({ select: { id: true }, take: 200 })).map((c) => c.id);
  await buildApp({ log: (line) => console.log(line) });
  // Short periods, so the schedule runs many times during the test (pg-boss: once per period across nodes).
  cluster = await startCluster({ databaseUrl: url, nodes: 2, poolSize: 10, env: { NOTIFICATIONS_DELIVER_INTERVAL_SECONDS: "2", REFUNDS_RECONCILE_INTERVAL_SECONDS: "2" } });
  startedAt = Date.now();
  adminCookie = (await signIn(cluster.url, emailOf("ADMIN")))!;
  expect(adminCookie).toBeTruthy();
});

afterAll(async () => {
  await cluster?.stop();
  await closeDb?.();
  await dropPostgresDatabase(serverUrl, dbName);
});

const nodeA = () => cluster.nodes[0]!;
const nodeB = () => cluster.nodes[1]!;
const me = (base: string, cookie: string) => callTrpc(base, { path: "staff.me", type: "query", cookie });

/** Every answer that was not a 2xx, as "status text". */
const failuresOf = (stats: WorkloadStats) => stats.calls.filter((c) => c.status < 200 || c.status >= 300);

async function expectBooksBalanced(): Promise<void> {
  expect(await findLedgerMismatches(db)).toEqual([]);
  expect(await findCreditMismatches(db)).toEqual([]);
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const readyStatus = async (base: string) => (await fetch(`${base}/api/ready`, { signal: AbortSignal.timeout(3_000) })).status;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("two nodes behind the load balancer", () => {
  it("accepts on node B, and through the load balancer, a session signed in through node A", async () => {
    const cookie = await signIn(nodeA().url, emailOf("SUPPORT_AGENT"));
    expect(cookie).toBeTruthy();
    for (const base of [nodeB().url, nodeA().url, cluster.url, cluster.url]) {
      const answer = await me(base, cookie!);
      expect(answer.status, answer.text).toBe(200);
      expect(resultOf<{ email: string }>(answer).email).toBe(emailOf("SUPPORT_AGENT"));
    }
  });

  it("holds on node B a sign-in lockout counted on node A", async () => {
    const email = emailOf("VIEWER");
    for (let attempt = 0; attempt < 5; attempt++) expect(await signIn(nodeA().url, email, "not-the-password")).toBeNull();
    // The right password is refused now, on the other node too.
    expect(await signIn(nodeB().url, email, DEMO_PASSWORD)).toBeNull();
    expect(await signIn(cluster.url, email, DEMO_PASSWORD)).toBeNull();
  });

  it("applies on node B's next request a role change made on node A", async () => {
    const cookie = (await signIn(nodeB().url, emailOf("MANAGER")))!;
    const before = resultOf<{ id: string; role: string; permissions: string[] }>(await me(nodeB().url, cookie));
    expect(before.role).toBe("MANAGER");
    expect(before.permissions).toContain("credits:issue");
    const changed = await callTrpc(nodeA().url, { path: "staff.changeRole", type: "mutation", input: { staffId: before.id, role: "VIEWER" }, cookie: adminCookie });
    expect(changed.status, changed.text).toBe(200);
    // A role change ends the member's sessions (the session version): B refuses the old cookie at once.
    const stale = await me(nodeB().url, cookie);
    expect(stale.status, stale.text).toBe(401);
    const fresh = (await signIn(nodeB().url, emailOf("MANAGER")))!;
    const after = resultOf<{ role: string; permissions: string[] }>(await me(nodeB().url, fresh));
    expect(after.role).toBe("VIEWER");
    expect(after.permissions).not.toContain("credits:issue");
    const refused = await callTrpc(nodeB().url, {
      path: "credits.issue",
      type: "mutation",
      input: { idempotencyKey: crypto.randomUUID(), customerId: customerIds[0], amount: "1.00", currency: "USD", categoryId: "01900000-0000-7000-8000-000000000101" },
      cookie: fresh,
    });
    expect(refused.status).toBe(403);
  });

  it("loses no acknowledged write when a node is killed mid-workload, keeps serving on the other, and the books balance", async () => {
    const workload = startMoneyWorkload({ base: cluster.url, cookie: adminCookie, customerIds, clients: 8 });
    await sleep(4_000);
    const killedAt = Date.now();
    await nodeB().stop("SIGKILL");
    await sleep(5_000);
    const stats = await workload.stop();

    const afterKill = stats.calls.filter((c) => c.at > killedAt + 2_500);
    expect(afterKill.filter((c) => c.status === 200).length).toBeGreaterThan(20);
    expect(afterKill.every((c) => c.status === 200), JSON.stringify(failuresOf({ ...stats, calls: afterKill }).slice(0, 5))).toBe(true);
    expect(stats.calls.filter((c) => c.status === 500)).toEqual([]);
    expect(stats.credits.length).toBeGreaterThan(20);
    expect(await findLostWrites(db, stats.credits)).toEqual([]);
    await expectBooksBalanced();

    await nodeB().restart();
    expect(await readyStatus(nodeB().url)).toBe(200);
  });

  it("ran each scheduled job exactly once per period across both nodes, through the workload and the killed node", async () => {
    const elapsedSlots = Math.floor((Date.now() - startedAt) / 2_000);
    for (const name of ["notification-delivery", "refund-reconcile"]) {
      const slots = await db.$queryRaw<{ slot: number; runs: number; completed: number }[]>`
        SELECT extract(epoch FROM singleton_on)::float8 AS slot, count(*)::int AS runs, count(*) FILTER (WHERE state = 'completed')::int AS completed
        FROM (SELECT name, singleton_key, singleton_on, state::text AS state FROM pgboss.job
              UNION ALL SELECT name, singleton_key, singleton_on, state::text FROM pgboss.archive) jobs
        WHERE name = ${name} AND singleton_key = 'period'
        GROUP BY 1 ORDER BY 1`;
      expect(slots.length, name).toBeGreaterThanOrEqual(Math.max(5, elapsedSlots - 3));
      expect(slots.filter((s) => s.runs !== 1), name).toEqual([]);
      // Consecutive 2-second slots, none skipped; all but the newest two have run.
      expect(slots.map((s) => s.slot), name).toEqual(slots.map((_, i) => slots[0]!.slot + 2 * i));
      expect(slots.slice(0, -2).filter((s) => s.completed !== 1), name).toEqual([]);
    }
  });

  it("finishes the requests in flight when a node gets SIGTERM (graceful shutdown), then exits", async () => {
    const node = nodeB();
    const customerId = customerIds[1]!;
    // A row lock on the customer holds every credit for them inside the database, so the calls
    // are certainly in flight on the node when the signal arrives.
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT 1 FROM customer WHERE id = ${customerId}::uuid FOR UPDATE`;
        locked();
        await new Promise<void>((resolve) => (release = resolve));
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
    try {
      await isLocked;
      const calls = Array.from({ length: 6 }, () =>
        callTrpc(node.url, {
          path: "credits.issue",
          type: "mutation",
          input: { idempotencyKey: crypto.randomUUID(), customerId, amount: "2.00", currency: "USD", categoryId: "01900000-0000-7000-8000-000000000101" },
          cookie: adminCookie,
          timeoutMs: 60_000,
        }),
      );
      await waitUntil("the calls to wait on the customer's lock", async () => {
        const rows = await db.$queryRaw<{ waiting: number }[]>`
          SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        return (rows[0]?.waiting ?? 0) >= 6;
      });
      const stopped = node.stop("SIGTERM");
      await sleep(1_000);
      // Draining: still running, because its requests are not finished.
      expect(node.isRunning()).toBe(true);
      release();
      await holding;
      const answers = await Promise.all(calls);
      expect(answers.map((answer) => answer.status), answers.map((a) => a.text.slice(0, 200)).join("\n")).toEqual([200, 200, 200, 200, 200, 200]);
      await stopped;
      expect(node.isRunning()).toBe(false);
    } finally {
      release?.();
      await holding.catch(() => {});
      await node.restart();
    }
  });

  it("answers 503 (never a 500 or driver text) while PostgreSQL restarts, reports not ready, and recovers by itself with the books intact", async () => {
    const { version, cluster: pgCluster } = localPostgresCluster(serverUrl);
    for (const node of cluster.nodes) if (!node.isRunning()) await node.restart();
    const pids = cluster.nodes.map((node) => node.pid());
    const workload = startMoneyWorkload({ base: cluster.url, cookie: adminCookie, customerIds, clients: 8, attempts: 60 });
    let restartedAt = 0;
    const notReady: number[] = [];
    let stats: WorkloadStats | undefined;
    try {
      await sleep(3_000);
      pgCtl(version, pgCluster, ["stop", "-m", "fast"]);
      try {
        for (const node of cluster.nodes) {
          await waitUntil(`${node.name} to report not ready`, async () => (await readyStatus(node.url)) === 503, 10_000);
          notReady.push(await readyStatus(node.url));
        }
        // Its /api/ready checks take both nodes out: then the load balancer answers its own 503, in the same shape.
        await waitUntil(
          "the load balancer to take both nodes out",
          async () => {
            const answer = await me(cluster.url, adminCookie);
            return answer.status === 503 && answer.text.includes("The service is not reachable right now.");
          },
          10_000,
        );
      } finally {
        pgCtl(version, pgCluster, ["start"]);
        restartedAt = Date.now();
      }
      for (const node of cluster.nodes) await waitUntil(`${node.name} to be ready again`, async () => (await readyStatus(node.url)) === 200, 30_000);
      await sleep(3_000);
    } finally {
      stats = await workload.stop();
    }

    expect(notReady).toEqual([503, 503]);
    const failures = failuresOf(stats);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect([0, 502, 503], failure.text).toContain(failure.status);
      if (failure.status === 503) expect(failure.text).not.toMatch(DRIVER_TEXT);
    }
    const byStatus = new Map<string, number>();
    for (const f of failures) {
      const kind = `${f.status} ${f.text?.includes("database is not reachable") ? "(node)" : "(load balancer or network)"}`;
      byStatus.set(kind, (byStatus.get(kind) ?? 0) + 1);
    }
    console.log(`PostgreSQL restart: ${stats.calls.length} calls; refused: ${[...byStatus].map(([kind, n]) => `${n} x ${kind}`).join(", ")}`);
    // Calls that reached a node while PostgreSQL was going down or down: the node's own 503.
    expect(failures.some((f) => f.status === 503 && f.text?.includes("The database is not reachable right now."))).toBe(true);
    // Recovered without a restart: the same processes answer again.
    expect(cluster.nodes.map((node) => node.pid())).toEqual(pids);
    expect(cluster.nodes.every((node) => node.isRunning())).toBe(true);
    expect(stats.calls.filter((c) => c.at > restartedAt + 1_000 && c.status === 200).length).toBeGreaterThan(10);
    expect(await findLostWrites(db, stats.credits)).toEqual([]);
    await expectBooksBalanced();
  });
});

/** The local cluster (pg_lsclusters) that serves the test database's port. */
function localPostgresCluster(url: string): { version: string; cluster: string } {
  const port = new URL(url).port || "5432";
  let listing: string;
  try {
    listing = execFileSync("pg_lsclusters", ["-h"], { encoding: "utf8" });
  } catch {
    throw new Error("The PostgreSQL restart needs the local server's pg_lsclusters/pg_ctlcluster (Debian's postgresql-common), as .ci/run has.");
  }
  const line = listing.split("\n").map((l) => l.trim().split(/\s+/)).find((cols) => cols[2] === port);
  if (!line) throw new Error(`No local PostgreSQL cluster on port ${port} (pg_lsclusters)`);
  return { version: line[0]!, cluster: line[1]! };
}

function pgCtl(version: string, pgCluster: string, args: string[]): void {
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, pgCluster, ...args], { stdio: ["ignore", "ignore", "inherit"] });
}
