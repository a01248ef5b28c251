// The in-process fallback the job queue uses on PGlite (pg-boss needs a PostgreSQL server): the
// one-box default still runs every job, retries a failed run and drains on stop.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { backdateExpiry, issueTestCredit, serviceContextAs } from "@/tests/factories/credits";
import { createCustomer } from "@/tests/factories/customers";
import { openScratchPglite, type TestDb } from "@/tests/helpers/test-db";
import { JOBS, type JobDefinition } from "./job-list";
import { startJobQueue } from "./job-queue";

let t: TestDb;
beforeAll(async () => {
  t = await openScratchPglite();
}, 120_000);
afterAll(() => t.close());

const start = (jobs: readonly JobDefinition[], log: (line: string) => void = () => {}) =>
  startJobQueue({ target: t.target, db: async () => t.db, jobs, periodsMs: Object.fromEntries(jobs.map((job) => [job.name, 60_000])), firstRunDelayMs: 10, retryDelaySeconds: 0.2, log });

const testJob = (run: JobDefinition["run"]): JobDefinition => ({ name: "test-job", label: "Test job", periodMs: () => 60_000, run });

describe("the job queue on PGlite (in-process fallback)", () => {
  it("runs the real jobs in this process with the process's own client", async () => {
    const admin = await serviceContextAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "2", expiresAt: new Date(Date.now() + 86_400_000) });
    await backdateExpiry(t.db, credit.creditId);
    const lines: string[] = [];
    const queue = await start(JOBS, (line) => lines.push(line));
    try {
      expect(queue.kind).toBe("in-process");
      expect(queue.scheduled.map((job) => job.name)).toEqual(JOBS.map((job) => job.name));
      await vi.waitFor(async () => expect(await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } })).toMatchObject({ removedMinor: 200n }), { timeout: 10_000 });
      await vi.waitFor(() => expect(lines).toContain("Credit expiry: 1 credits expired, 0 balances failed"));
    } finally {
      await queue.stop();
    }
  });

  it("retries a run that threw", async () => {
    let tries = 0;
    const lines: string[] = [];
    const queue = await start(
      [
        testJob(async () => {
          tries += 1;
          if (tries === 1) throw new Error("crashed mid-batch");
          return "done";
        }),
      ],
      (line) => lines.push(line),
    );
    try {
      await vi.waitFor(() => expect(lines).toEqual(["Test job run failed (try 1 of 4): crashed mid-batch", "Test job: done"]), { timeout: 5_000 });
      expect(tries).toBe(2);
    } finally {
      await queue.stop();
    }
  });

  it("lets a run in flight finish when stopped gracefully", async () => {
    let finished = false;
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    const queue = await start([
      testJob(async () => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 500));
        finished = true;
        return null;
      }),
    ]);
    await isStarted;
    await queue.stop({ graceful: true });
    expect(finished).toBe(true);
  });
});
