// A real worker process (`npm run worker`) killed with SIGKILL in the middle of a batch, then a
// new one started: the batch completes and every row has exactly one credit. PostgreSQL only
// (PGlite has one opener, so no second process).
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerAs } from "@/tests/factories/staff";
import { createBulkCustomers, creditsPerRow, goodRow, uploadRows } from "@/tests/helpers/bulk-credits";

const target = inject("testDatabase");
let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

const ROWS = 6_000;
/**
 * `npm run worker`'s script with only the bulk-credit job and a short lease (pg-boss schema
 * `pgboss` of the run's database). Node itself loads tsx (`--import tsx`): tsx's CLI would run
 * the worker in a child process, and SIGKILL on the CLI leaves that child running.
 */
function startWorker(url: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/lib/preflight.ts", "scripts/worker.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      BULK_CREDITS_INTERVAL_SECONDS: "1",
      BULK_CREDITS_LEASE_SECONDS: "2",
      CREDITS_EXPIRE_INTERVAL_MINUTES: "0",
      APPROVALS_EXPIRE_INTERVAL_MINUTES: "0",
      REFUNDS_RECONCILE_INTERVAL_SECONDS: "0",
      NOTIFICATIONS_DELIVER_INTERVAL_SECONDS: "0",
    },
    stdio: "ignore",
  });
}

const ended = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

async function until<T>(what: string, read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(target.kind !== "postgres")("bulk credit with a worker killed mid-batch", () => {
  it("completes after SIGKILL and a restart, with every row exactly once", { timeout: 180_000 }, async () => {
    if (target.kind !== "postgres") return;
    const { emails } = await createBulkCustomers(t.db, ROWS);
    const { caller } = await callerAs(t.db, "ADMIN");
    const batchId = await uploadRows(caller, emails.map((email, i) => goodRow(email, i)));
    await caller.bulkCredits.start({ batchId, idempotencyKey: crypto.randomUUID() });
    const done = async () => (await caller.bulkCredits.get({ batchId })).doneRows;

    const first = startWorker(target.url);
    try {
      await until("the first worker's first rows", done, (rows) => rows > 0);
    } finally {
      first.kill("SIGKILL");
      await ended(first);
    }
    const afterKill = await caller.bulkCredits.get({ batchId });
    expect(afterKill.status).toBe("RUNNING");
    expect(afterKill.doneRows).toBeLessThan(ROWS);

    const second = startWorker(target.url);
    try {
      await until("the batch to complete", async () => (await caller.bulkCredits.get({ batchId })).status, (status) => status === "COMPLETED");
    } finally {
      second.kill("SIGTERM");
      await ended(second);
    }
    const result = await caller.bulkCredits.get({ batchId });
    expect(result.createdRows + result.skippedRows).toBe(ROWS);
    expect(result.failedRows).toBe(0);
    expect((await creditsPerRow(t.db, batchId)).every((row) => row.credits === 1)).toBe(true);
    const customerIds = (await t.db.customer.findMany({ where: { email: { in: emails } }, select: { id: true } })).map((c) => c.id);
    expect(await t.db.storeCredit.count({ where: { customerId: { in: customerIds } } })).toBe(ROWS);
  });
});
