// The job queue on PostgreSQL (pg-boss). Jobs here run on a database of their own: the real jobs
// would otherwise take due credits and messages from the other test files running in parallel.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type DatabaseTarget, type Db } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { backdateExpiry, issueTestCredit, ledgerProblems, serviceContextAs } from "@/tests/factories/credits";
import { createCustomer } from "@/tests/factories/customers";
import { dropJobSchema, jobRows, newJobSchema, startTestJobQueue } from "@/tests/helpers/job-queue";
import { createEmptyPostgres, type EmptyDatabase } from "@/tests/helpers/test-db";
import { JOBS, type JobDefinition } from "./job-list";
import { installJobQueue, startJobQueue } from "./job-queue";

type PostgresTarget = Extract<DatabaseTarget, { kind: "postgres" }>;
let scratch: EmptyDatabase<PostgresTarget> | null;
let db: Db;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  scratch = await createEmptyPostgres();
  if (!scratch) return;
  await applyMigrations(scratch.target);
  ({ db, close: closeDb } = await createDb(scratch.target));
}, 120_000);
afterAll(async () => {
  await closeDb?.();
  await scratch?.destroy();
});

const url = () => scratch!.target.url;

describe.skipIf(!process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL)("the job queue on PostgreSQL (pg-boss)", () => {
  it("runs each scheduled job exactly once per period across two servers", { timeout: 60_000 }, async () => {
    const periodSeconds = 2;
    const runs: { server: string; name: string }[] = [];
    const counted = (server: string): JobDefinition[] =>
      JOBS.map((job) => ({ ...job, run: async (ctx) => (runs.push({ server, name: job.name }), job.run(ctx)) }));
    const periodsMs = Object.fromEntries(JOBS.map((job) => [job.name, periodSeconds * 1000]));
    const schema = newJobSchema();
    // Two "servers": each its own pg-boss and its own database client, sharing one queue schema.
    const second = await createDb(scratch!.target);
    const starting = await Promise.allSettled(
      (["A", "B"] as const).map((server) =>
        startTestJobQueue(scratch!.target, server === "A" ? db : second.db, { schema, jobs: counted(server), periodsMs, log: () => {} }),
      ),
    );
    const servers = starting.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    try {
      // Both started at the same moment (creating the same queues) without an error.
      expect(starting.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
      const started = Date.now() / 1000;
      // Four whole periods after the one the servers started in.
      await new Promise((resolve) => setTimeout(resolve, (Math.ceil(started / periodSeconds) * periodSeconds + 4 * periodSeconds - started) * 1000 + 500));
      const stoppingAt = Date.now() / 1000;
      await Promise.all(servers.map(({ queue }) => queue.stop()));
      for (const job of JOBS) {
        const rows = await jobRows(url(), schema, job.name);
        // A slot that began just before the stop may hold a job no worker had fetched yet (on a
        // busy box): only the slots that ended before the stop began are judged.
        const judged = rows.filter((row) => row.slotEpoch! + periodSeconds <= stoppingAt);
        const slots = judged.map((row) => row.slotEpoch! / periodSeconds);
        // One job per slot, every slot from the first to the last, and each ran once.
        expect(judged.filter((row) => row.state !== "completed" || row.retryCount !== 0).map(({ state, retryCount, output }) => ({ state, retryCount, output })), job.name).toEqual([]);
        expect(new Set(slots).size, job.name).toBe(judged.length);
        expect(slots, job.name).toEqual(Array.from({ length: judged.length }, (_, i) => slots[0]! + i));
        expect(judged.length, job.name).toBeGreaterThanOrEqual(4);
        expect(runs.filter((run) => run.name === job.name), job.name).toHaveLength(rows.filter((row) => row.state === "completed").length);
      }
      // Both servers took runs: the queue, not one server's timer, decided where each ran.
      expect(new Set(runs.map((run) => run.server))).toEqual(new Set(["A", "B"]));
    } finally {
      await Promise.all(servers.map(({ queue }) => queue.stop()));
      await second.close();
      await dropJobSchema(url(), schema);
    }
  });

  it("retries a run that crashed mid-batch, and the retry does the rest with nothing done twice", async () => {
    const admin = await serviceContextAs(db, "ADMIN");
    const customers = await Promise.all([1, 2, 3].map(() => createCustomer(db)));
    const credits = await Promise.all(customers.map((customer) => issueTestCredit(admin, customer.id, { amount: "5", expiresAt: new Date(Date.now() + 86_400_000) })));
    for (const credit of credits) await backdateExpiry(db, credit.creditId);

    // The second balance's transaction fails after its writes (the connection lost before COMMIT), once.
    let transactions = 0;
    const crashing = new Proxy(db, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop !== "$transaction" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
        return (run: (tx: unknown) => Promise<unknown>, options: unknown) =>
          target.$transaction(async (tx) => {
            const result = await run(tx);
            transactions += 1;
            if (transactions === 2) throw new Error("Connection terminated unexpectedly");
            return result;
          }, options as never);
      },
    });
    const lines: string[] = [];
    const expiry = JOBS.find((job) => job.name === "credit-expiry")!;
    // A long period: only the retry, not a next period's run, can finish the work.
    const { queue, schema, destroy } = await startTestJobQueue(scratch!.target, crashing, { jobs: [expiry], periodsMs: { "credit-expiry": 3_600_000 }, log: (line) => lines.push(line) });
    try {
      await vi.waitFor(async () => expect((await jobRows(url(), schema, "credit-expiry")).map((row) => row.state)).toEqual(["completed"]), { timeout: 20_000, interval: 200 });
      await queue.stop();
      const [row] = await jobRows(url(), schema, "credit-expiry");
      expect(row!.retryCount).toBe(1);
      expect(lines).toContain("Credit expiry run failed (try 1 of 4): 2 credits expired, 1 balances failed");
      expect(lines, lines.join("\n")).toContain("Credit expiry: 1 credits expired, 0 balances failed");
      for (const credit of credits) {
        expect(await db.creditEvent.count({ where: { creditId: credit.creditId, type: "EXPIRED" } })).toBe(1);
        expect(await db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } })).toMatchObject({ removedMinor: 500n });
      }
      expect(await ledgerProblems(db, customers.map((customer) => customer.id))).toEqual({ balances: [], credits: [] });
    } finally {
      await destroy();
    }
  });

  it("lets a run in flight finish when stopped gracefully", async () => {
    let finished = false;
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    const slow: JobDefinition = {
      name: "slow-job",
      label: "Slow job",
      periodMs: () => 3_600_000,
      run: async () => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        finished = true;
        return null;
      },
    };
    const { queue, schema, destroy } = await startTestJobQueue(scratch!.target, db, { jobs: [slow], log: () => {} });
    try {
      await isStarted;
      await queue.stop({ graceful: true, timeoutMs: 10_000 });
      expect(finished).toBe(true);
      expect((await jobRows(url(), schema, "slow-job")).map((row) => row.state)).toEqual(["completed"]);
    } finally {
      await destroy();
    }
  });

  it("creates its tables once (db:migrate), and a queue on them starts without creating them again", async () => {
    const schema = newJobSchema();
    try {
      await installJobQueue(url(), schema);
      await installJobQueue(url(), schema);
      const queue = await startJobQueue({ target: scratch!.target, db: async () => db, schema, jobs: [], log: () => {} });
      await queue.stop();
      expect(await db.$queryRawUnsafe(`SELECT count(*)::int AS n FROM ${schema}.version`)).toEqual([{ n: 1 }]);
      const tables = await db.$queryRaw<{ table_name: string }[]>`
        SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema} AND table_name IN ('version', 'queue', 'job', 'archive') ORDER BY table_name`;
      expect(tables.map((table) => table.table_name)).toEqual(["archive", "job", "queue", "version"]);
    } finally {
      await dropJobSchema(url(), schema);
    }
  });
});
