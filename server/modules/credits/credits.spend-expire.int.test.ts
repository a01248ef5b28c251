import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { backdateExpiry, balanceOf, issueTestCredit, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import { isAppError } from "@/server/lib/app-error";
import type { ServiceContext } from "@/server/lib/service-context";
import { DEFAULT_CATEGORY_IDS, DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";
import { expireCredits } from "./expire-credits";
import { JOBS } from "@/server/jobs/job-list";
import { startTestJobQueue } from "@/tests/helpers/job-queue";
import { reverseSpend, spendCredit } from "./spend-credit";
import { voidCredit } from "./void-credit";

let t: TestDb;
let admin: ServiceContext;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
});
afterAll(() => t.close());

const days = (n: number) => new Date(Date.now() + n * 86_400_000);
const storefront = () => ({ db: t.db, actor: null });
const spend = (customerId: string, amountMinor: bigint, currency = "USD") =>
  spendCredit(storefront(), { idempotencyKey: newKey(), customerId, currency, amountMinor, reference: "Order 1001" });

async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`Expected an AppError, got ${String(error)}`);
  return { code: error.code, message: error.message, field: error.field };
}

const creditRow = (id: string) => t.db.storeCredit.findUniqueOrThrow({ where: { id } });

describe("spending credit", () => {
  it("spends the earliest expiry first, credits without expiry last, the oldest first among equals", async () => {
    const customer = await createCustomer(t.db);
    const noExpiryOld = await issueTestCredit(admin, customer.id, { amount: "10" });
    const late = await issueTestCredit(admin, customer.id, { amount: "10", expiresAt: days(60) });
    const noExpiryNew = await issueTestCredit(admin, customer.id, { amount: "10" });
    const soon = await issueTestCredit(admin, customer.id, { amount: "10", expiresAt: days(5) });

    const result = await spend(customer.id, 3500n);
    expect(result.allocations).toEqual([
      { creditId: soon.creditId, amountMinor: 1000n },
      { creditId: late.creditId, amountMinor: 1000n },
      { creditId: noExpiryOld.creditId, amountMinor: 1000n },
      { creditId: noExpiryNew.creditId, amountMinor: 500n },
    ]);
    expect(result.balanceMinor).toBe(500n);

    const events = await t.db.creditEvent.findMany({ where: { operationId: result.operationId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.type, e.amountMinor, e.balanceAfterMinor, e.actorId, e.reason])).toEqual([
      ["USED", -1000n, 3000n, null, "Order 1001"],
      ["USED", -1000n, 2000n, null, "Order 1001"],
      ["USED", -1000n, 1000n, null, "Order 1001"],
      ["USED", -500n, 500n, null, "Order 1001"],
    ]);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("refuses more than the balance, all or nothing", async () => {
    const customer = await createCustomer(t.db);
    await issueTestCredit(admin, customer.id, { amount: "10" });
    expect(await failure(spend(customer.id, 1001n))).toEqual({
      code: "INSUFFICIENT_FUNDS",
      message: "Only US$10.00 of store credit is available",
      field: "amount",
    });
    expect(await failure(spend(customer.id, 0n))).toMatchObject({ code: "BAD_INPUT", field: "amount" });
    expect(await balanceOf(t.db, customer.id)).toBe(1000n);
    expect(await t.db.creditEvent.count({ where: { customerId: customer.id, type: "USED" } })).toBe(0);
  });

  it("never spends expired credit, expiring it first", async () => {
    const customer = await createCustomer(t.db);
    const expired = await issueTestCredit(admin, customer.id, { amount: "10", expiresAt: days(1) });
    await issueTestCredit(admin, customer.id, { amount: "4" });
    await backdateExpiry(t.db, expired.creditId);
    expect(await failure(spend(customer.id, 500n))).toMatchObject({ code: "INSUFFICIENT_FUNDS", message: "Only US$4.00 of store credit is available" });
    const result = await spend(customer.id, 400n);
    expect(result.allocations.map((a) => a.creditId)).not.toContain(expired.creditId);
    expect(await creditRow(expired.creditId)).toMatchObject({ removedMinor: 1000n, usedMinor: 0n });
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("returns the first result for a retried spend", async () => {
    const customer = await createCustomer(t.db);
    await issueTestCredit(admin, customer.id, { amount: "10" });
    const input = { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: 300n };
    const first = await spendCredit(storefront(), input);
    expect(await spendCredit(storefront(), input)).toEqual(first);
    expect(await balanceOf(t.db, customer.id)).toBe(700n);
    expect(await failure(spendCredit(storefront(), { ...input, amountMinor: 301n }))).toMatchObject({ code: "IDEMPOTENCY_MISMATCH" });
  });
});

describe("reversing a spend", () => {
  async function spentAcrossTwo() {
    const customer = await createCustomer(t.db);
    const first = await issueTestCredit(admin, customer.id, { amount: "10", expiresAt: days(3) });
    const second = await issueTestCredit(admin, customer.id, { amount: "10" });
    const spent = await spend(customer.id, 1500n);
    return { customer, first, second, spent };
  }

  it("gives back part of a spend to the last-used credit first, then the rest", async () => {
    const { customer, first, second, spent } = await spentAcrossTwo();
    const part = await reverseSpend(storefront(), { idempotencyKey: newKey(), spendOperationId: spent.operationId, amountMinor: 700n, reason: "Item returned" });
    expect(part.allocations).toEqual([
      { creditId: second.creditId, amountMinor: 500n },
      { creditId: first.creditId, amountMinor: 200n },
    ]);
    expect(part.balanceMinor).toBe(1200n);
    const rest = await reverseSpend(storefront(), { idempotencyKey: newKey(), spendOperationId: spent.operationId });
    expect(rest).toMatchObject({ amountMinor: 800n, balanceMinor: 2000n, allocations: [{ creditId: first.creditId, amountMinor: 800n }] });
    expect(await creditRow(first.creditId)).toMatchObject({ usedMinor: 0n });
    const events = await t.db.creditEvent.findMany({ where: { reversedOperationId: spent.operationId } });
    expect(events.every((e) => e.type === "USE_REVERSED" && e.amountMinor > 0n)).toBe(true);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("refuses to give back more than is left of the spend, or an unknown spend", async () => {
    const { spent } = await spentAcrossTwo();
    expect(await failure(reverseSpend(storefront(), { idempotencyKey: newKey(), spendOperationId: spent.operationId, amountMinor: 1501n }))).toEqual({
      code: "BAD_INPUT",
      message: "At most US$15.00 of this spend can still be given back",
      field: "amount",
    });
    await reverseSpend(storefront(), { idempotencyKey: newKey(), spendOperationId: spent.operationId });
    expect(await failure(reverseSpend(storefront(), { idempotencyKey: newKey(), spendOperationId: spent.operationId }))).toMatchObject({
      code: "CONFLICT",
    });
    expect(await failure(reverseSpend(storefront(), { idempotencyKey: newKey(), spendOperationId: newKey() }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("removes again at once what returns to a deleted credit, and moves what returns to an expired one onto a new Refund credit", async () => {
    const { customer, first, second, spent } = await spentAcrossTwo();
    // first: 10 used; second: 5 used, 5 left.
    await voidCredit(admin, { idempotencyKey: newKey(), creditId: second.creditId, reasonId: DEFAULT_REASON_IDS.other, note: null });
    await backdateExpiry(t.db, first.creditId);
    const result = await reverseSpend(storefront(), { idempotencyKey: newKey(), spendOperationId: spent.operationId });
    expect(result.balanceMinor).toBe(1000n);
    const events = await t.db.creditEvent.findMany({ where: { operationId: result.operationId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.creditId, e.type, e.amountMinor])).toEqual([
      [second.creditId, "USE_REVERSED", 500n],
      [second.creditId, "VOIDED", -500n],
      [first.creditId, "USE_REVERSED", 1000n],
      [first.creditId, "EXPIRED", -1000n],
      [result.refundCreditId, "ISSUED", 1000n],
    ]);
    expect(await creditRow(second.creditId)).toMatchObject({ usedMinor: 0n, removedMinor: 1000n });
    expect(await creditRow(first.creditId)).toMatchObject({ usedMinor: 0n, removedMinor: 1000n });
    expect(await creditRow(result.refundCreditId!)).toMatchObject({ amountMinor: 1000n, categoryId: DEFAULT_CATEGORY_IDS.refund, expiresAt: null });
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });
});

describe("expiry", () => {
  it("takes the unused balance of credits past expiry through a system EXPIRED event", async () => {
    const customer = await createCustomer(t.db);
    const expiring = await issueTestCredit(admin, customer.id, { amount: "10", expiresAt: days(1) });
    const keeps = await issueTestCredit(admin, customer.id, { amount: "3", expiresAt: days(30) });
    await spend(customer.id, 400n);
    await backdateExpiry(t.db, expiring.creditId);

    await expireCredits({ db: t.db });
    expect(await creditRow(expiring.creditId)).toMatchObject({ usedMinor: 400n, removedMinor: 600n });
    expect((await creditRow(expiring.creditId)).expiryProcessedAt).toBeInstanceOf(Date);
    expect(await creditRow(keeps.creditId)).toMatchObject({ removedMinor: 0n, expiryProcessedAt: null });
    const [event] = await t.db.creditEvent.findMany({ where: { creditId: expiring.creditId, type: "EXPIRED" } });
    expect(event).toMatchObject({ amountMinor: -600n, balanceAfterMinor: 300n, actorId: null, reason: "Expired" });
    expect(await balanceOf(t.db, customer.id)).toBe(300n);
    expect(await t.db.auditLog.count({ where: { entityId: expiring.creditId, action: "credit.expire" } })).toBe(1);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("changes nothing when run twice", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "10", expiresAt: days(1) });
    await backdateExpiry(t.db, credit.creditId);
    await expireCredits({ db: t.db });
    const snapshot = async () => ({
      events: await t.db.creditEvent.count({ where: { customerId: customer.id } }),
      balance: await balanceOf(t.db, customer.id),
      credit: await creditRow(credit.creditId),
    });
    const before = await snapshot();
    await expireCredits({ db: t.db });
    expect(await snapshot()).toEqual(before);
    expect(before.balance).toBe(0n);
  });

  it("closes a fully used credit past expiry without an event", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "2", expiresAt: days(1) });
    await spend(customer.id, 200n);
    await backdateExpiry(t.db, credit.creditId);
    await expireCredits({ db: t.db });
    expect((await creditRow(credit.creditId)).expiryProcessedAt).toBeInstanceOf(Date);
    expect(await t.db.creditEvent.count({ where: { creditId: credit.creditId, type: "EXPIRED" } })).toBe(0);
  });

  it("expires what a chosen moment has passed (the run takes `now`)", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "1", expiresAt: days(2) });
    await expireCredits({ db: t.db }, { now: days(1) });
    expect(await creditRow(credit.creditId)).toMatchObject({ removedMinor: 0n });
    await expireCredits({ db: t.db }, { now: days(3) });
    expect(await creditRow(credit.creditId)).toMatchObject({ removedMinor: 100n });
  });
});

describe("running the expiry", () => {
  it("runs as the credit-expiry job with the server's own database client", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "3", expiresAt: days(1) });
    await backdateExpiry(t.db, credit.creditId);
    const lines: string[] = [];
    const jobs = JOBS.filter((job) => job.name === "credit-expiry");
    const { destroy } = await startTestJobQueue(t.target, t.db, { jobs, periodsMs: { "credit-expiry": 1000 }, log: (line) => lines.push(line) });
    try {
      await vi.waitFor(async () => expect(await creditRow(credit.creditId)).toMatchObject({ removedMinor: 300n }), { timeout: 10_000 });
      await vi.waitFor(() => expect(lines.some((line) => line.startsWith("Credit expiry:"))).toBe(true));
    } finally {
      await destroy();
    }
  });

  it("is off when the interval is zero", async () => {
    const before = process.env.CREDITS_EXPIRE_INTERVAL_MINUTES;
    process.env.CREDITS_EXPIRE_INTERVAL_MINUTES = "0";
    try {
      const { queue, destroy } = await startTestJobQueue(t.target, t.db, { jobs: JOBS.filter((job) => job.name === "credit-expiry") });
      await destroy();
      expect(queue.scheduled).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.CREDITS_EXPIRE_INTERVAL_MINUTES;
      else process.env.CREDITS_EXPIRE_INTERVAL_MINUTES = before;
    }
  });

  it("runs from the command line (`npm run credits:expire`)", async (ctx) => {
    if (t.target.kind !== "postgres") return ctx.skip("PGlite allows one opener per data folder and this test run holds it");
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "4", expiresAt: days(1) });
    await backdateExpiry(t.db, credit.creditId);
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--import", "./scripts/lib/preflight.ts", "scripts/credits-expire.ts"], {
      env: { ...process.env, DATABASE_URL: t.target.url },
    });
    expect(stdout).toMatch(/^Expired \d+ credits across \d+ customer balances\.$/m);
    expect(await creditRow(credit.creditId)).toMatchObject({ removedMinor: 400n });
  });
});
