// Holds on a real database. On PostgreSQL the calls really overlap (a pool of connections);
// PGlite has one connection and runs transactions one after another, so there the same tests
// prove the bookkeeping only.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { backdateExpiry, balanceOf, issueTestCredit, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import { backdateHold, heldProblems, placeTestHold, storefrontContext } from "@/tests/factories/holds";
import { callerAs } from "@/tests/factories/staff";
import { startTestJobQueue } from "@/tests/helpers/job-queue";
import { JOBS } from "@/server/jobs/job-list";
import { isAppError, type AppErrorCode } from "@/server/lib/app-error";
import type { ServiceContext } from "@/server/lib/service-context";
import { spendCredit } from "@/server/modules/credits/spend-credit";
import { DEFAULT_CATEGORY_IDS, DEFAULT_INFRASTRUCTURE_IDS, DEFAULT_METHOD_IDS } from "@/server/modules/settings/settings-defaults";
import { captureHold } from "./capture-hold";
import { expireHolds } from "./expire-holds";
import { ZPlaceHoldInput } from "./holds.schema";
import { placeHold } from "./place-hold";
import { releaseHold } from "./release-hold";
import { reverseSpend } from "./reverse-spend";

let t: TestDb;
let admin: ServiceContext;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
});
afterAll(() => t.close());

const shop = () => storefrontContext(t.db);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);

/** Settles every call; a rejection must be an AppError with one of `expected` codes. */
async function settle<T>(calls: Promise<T>[], expected: AppErrorCode[]) {
  const results = await Promise.allSettled(calls);
  const unexpected = results.flatMap((r) =>
    r.status === "rejected" && !(isAppError(r.reason) && expected.includes(r.reason.code)) ? [r.reason as unknown] : [],
  );
  expect(unexpected).toEqual([]);
  return {
    fulfilled: results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])),
    refusedWith: results.flatMap((r) => (r.status === "rejected" && isAppError(r.reason) ? [r.reason.code] : [])),
  };
}

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`Expected an AppError, got ${String(error)}`);
  return { code: error.code, message: error.message, field: error.field };
}

async function customerWith(amount: string, opts: { expiresAt?: Date } = {}) {
  const customer = await createCustomer(t.db);
  const credit = await issueTestCredit(admin, customer.id, { amount, ...opts });
  return { customer, credit };
}

const heldOf = async (customerId: string, currency = "USD") =>
  (await t.db.creditBalance.findUnique({ where: { customerId_currency: { customerId, currency } } }))?.heldMinor ?? 0n;
const holdRow = (id: string) => t.db.creditHold.findUniqueOrThrow({ where: { id } });

/** Everything a refused call must leave as it was, for one customer. */
const writesOf = async (customerId: string) => ({
  holds: await t.db.creditHold.count({ where: { customerId } }),
  events: await t.db.creditEvent.count({ where: { customerId } }),
  audit: await t.db.auditLog.count({ where: { customerId } }),
  balance: await t.db.creditBalance.findMany({ where: { customerId }, select: { currency: true, balanceMinor: true, heldMinor: true } }),
});

async function expectBooksAgree(customerIds: string[]) {
  expect(await ledgerProblems(t.db, customerIds)).toEqual({ balances: [], credits: [] });
  expect(await heldProblems(t.db, customerIds)).toEqual([]);
}

describe("placing a hold", () => {
  it("sets money aside without a ledger event, and every balance shown is what is left to spend", async () => {
    const { customer } = await customerWith("100");
    const events = await t.db.creditEvent.count({ where: { customerId: customer.id } });
    const placed = await placeTestHold(t.db, customer.id, { amountMinor: 3000n, orderRef: "ORDER-1001" });
    expect(placed).toMatchObject({ balanceMinor: 10000n, spendableMinor: 7000n, hold: { status: "PLACED", amountMinor: 3000n, orderRef: "ORDER-1001" } });
    expect(placed.hold.expiresAt.getTime() - placed.hold.createdAt.getTime()).toBe(30 * 60_000);
    expect(await balanceOf(t.db, customer.id)).toBe(10000n);
    expect(await heldOf(customer.id)).toBe(3000n);
    expect(await t.db.creditEvent.count({ where: { customerId: customer.id } })).toBe(events);
    expect(await t.db.auditLog.count({ where: { entityId: placed.hold.id, action: "hold.place" } })).toBe(1);

    const { caller } = await callerAs(t.db, "SUPPORT_AGENT");
    const summary = await caller.customers.summary({ customerId: customer.id });
    expect(summary.balances).toEqual([{ currency: "USD", amountMinor: 7000n, totalMinor: 10000n, heldMinor: 3000n }]);
    const search = await caller.customers.search({ query: customer.email });
    expect(search.items.find((c) => c.id === customer.id)?.balances).toEqual([{ currency: "USD", amountMinor: 7000n }]);
    const holds = await caller.holds.list({ customerId: customer.id });
    expect(holds.items.map((h) => [h.orderRef, h.amountMinor, h.status])).toEqual([["ORDER-1001", 3000n, "PLACED"]]);
    // Sending credits answers the new balance and what of it can be spent.
    const { caller: adminCaller } = await callerAs(t.db, "ADMIN");
    const sent = await adminCaller.credits.send({
      idempotencyKey: newKey(),
      customerId: customer.id,
      infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.manual,
      methodId: DEFAULT_METHOD_IDS.adminEntry,
      amount: "5",
      currency: "USD",
      earningAmount: "0",
    });
    expect(sent).toMatchObject({ balanceMinor: 10500n, spendableMinor: 7500n });
    await expectBooksAgree([customer.id]);
  });

  it("lets exactly 10 of 50 concurrent holds of 10 through against a spendable 100", async () => {
    const { customer } = await customerWith("100");
    const { fulfilled, refusedWith } = await settle(
      Array.from({ length: 50 }, () => placeTestHold(t.db, customer.id, { amountMinor: 1000n })),
      ["INSUFFICIENT_FUNDS"],
    );
    expect(fulfilled).toHaveLength(10);
    expect(refusedWith).toHaveLength(40);
    expect(await t.db.creditHold.count({ where: { customerId: customer.id, status: "PLACED" } })).toBe(10);
    expect(await heldOf(customer.id)).toBe(10000n);
    expect(await balanceOf(t.db, customer.id)).toBe(10000n);
    await expectBooksAgree([customer.id]);
  });

  it("keeps a plain spend off held money, on its fast path and its general path", async () => {
    const { customer } = await customerWith("100");
    await placeTestHold(t.db, customer.id, { amountMinor: 6000n });
    const spend = (amountMinor: bigint) => spendCredit({ db: t.db, actor: null }, { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor });
    expect(await refusal(spend(4001n))).toEqual({ code: "INSUFFICIENT_FUNDS", message: "Only US$40.00 of store credit is available", field: "amount" });
    expect((await spend(4000n)).balanceMinor).toBe(6000n);
    expect(await refusal(spend(1n))).toMatchObject({ code: "INSUFFICIENT_FUNDS", message: "Only US$0.00 of store credit is available" });
    await expectBooksAgree([customer.id]);
  });

  it("refuses an unknown customer, a currency the store does not take and a currency without credit, writing nothing", async () => {
    const { customer } = await customerWith("100");
    const before = await writesOf(customer.id);
    const input = (overrides: object) => ZPlaceHoldInput.parse({ idempotencyKey: newKey(), customerId: customer.id, amountMinor: 500n, currency: "USD", orderRef: "ORDER-9", ...overrides });
    expect(await refusal(placeHold(shop(), input({ customerId: randomUUID() })))).toEqual({ code: "NOT_FOUND", message: "This customer does not exist", field: "customerId" });
    expect(await refusal(placeHold(shop(), input({ currency: "XYZ" })))).toEqual({ code: "BAD_INPUT", message: "XYZ is not a currency this store accepts", field: "currency" });
    expect(await refusal(placeHold(shop(), input({ currency: "EUR" })))).toMatchObject({ code: "INSUFFICIENT_FUNDS", field: "amountMinor" });
    expect(await refusal(placeHold(shop(), input({ amountMinor: 10001n })))).toMatchObject({ code: "INSUFFICIENT_FUNDS", message: "Only US$100.00 of store credit is available" });
    expect(await writesOf(customer.id)).toEqual(before);
    expect(ZPlaceHoldInput.safeParse({ idempotencyKey: newKey(), customerId: customer.id, amountMinor: 0n, currency: "USD", orderRef: "A" }).error?.issues[0]).toMatchObject({ path: ["amountMinor"] });
    expect(ZPlaceHoldInput.safeParse({ idempotencyKey: newKey(), customerId: customer.id, amountMinor: 5n, currency: "usd", orderRef: "A" }).error?.issues[0]).toMatchObject({ path: ["currency"] });
  });

  it("replays a retried hold, and keeps each API key's idempotency keys apart", async () => {
    const { customer } = await customerWith("100");
    const input = ZPlaceHoldInput.parse({ idempotencyKey: newKey(), customerId: customer.id, amountMinor: 1000n, currency: "USD", orderRef: "ORDER-7" });
    const [keyA, keyB] = [randomUUID(), randomUUID()];
    const first = await placeHold(storefrontContext(t.db, keyA), input);
    expect(await placeHold(storefrontContext(t.db, keyA), input)).toEqual(first);
    const other = await placeHold(storefrontContext(t.db, keyB), input);
    expect(other.hold.id).not.toBe(first.hold.id);
    expect(other.hold.apiKeyId).toBe(keyB);
    expect(await refusal(placeHold(storefrontContext(t.db, keyA), { ...input, amountMinor: 1001n }))).toMatchObject({ code: "IDEMPOTENCY_MISMATCH" });
    expect(await heldOf(customer.id)).toBe(2000n);
  });
});

describe("capturing a hold", () => {
  it("turns part of a hold into a spend of the order, earliest-expiring credits first, and releases the rest", async () => {
    const customer = await createCustomer(t.db);
    const late = await issueTestCredit(admin, customer.id, { amount: "10", expiresAt: days(60) });
    const soon = await issueTestCredit(admin, customer.id, { amount: "10", expiresAt: days(5) });
    const { hold } = await placeTestHold(t.db, customer.id, { amountMinor: 2000n, orderRef: "ORDER-2002" });
    const captured = await captureHold(shop(), { idempotencyKey: newKey(), holdId: hold.id, amountMinor: 1500n });
    expect(captured.spend.allocations).toEqual([
      { creditId: soon.creditId, amountMinor: 1000n },
      { creditId: late.creditId, amountMinor: 500n },
    ]);
    expect(captured).toMatchObject({ balanceMinor: 500n, spendableMinor: 500n, hold: { status: "CAPTURED", capturedMinor: 1500n } });
    expect(await holdRow(hold.id)).toMatchObject({ status: "CAPTURED", capturedMinor: 1500n, spendOperationId: captured.spend.operationId });
    expect((await holdRow(hold.id)).closedAt).toBeInstanceOf(Date);
    expect(await heldOf(customer.id)).toBe(0n);
    const events = await t.db.creditEvent.findMany({ where: { operationId: captured.spend.operationId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.type, e.amountMinor, e.reason])).toEqual([
      ["USED", -1000n, "ORDER-2002"],
      ["USED", -500n, "ORDER-2002"],
    ]);
    await expectBooksAgree([customer.id]);
  });

  it("has one effect when captured twice, and replays a retried capture", async () => {
    const { customer } = await customerWith("50");
    const { hold } = await placeTestHold(t.db, customer.id, { amountMinor: 2000n });
    const input = { idempotencyKey: newKey(), holdId: hold.id };
    const { fulfilled, refusedWith } = await settle([captureHold(shop(), input), captureHold(shop(), { ...input, idempotencyKey: newKey() })], ["CONFLICT"]);
    expect(fulfilled).toHaveLength(1);
    expect(refusedWith).toEqual(["CONFLICT"]);
    // Each key, retried, gets its first answer again: the capture, or the refusal.
    const winner = fulfilled[0]!;
    const retried = await Promise.allSettled([captureHold(shop(), input)]);
    if (retried[0]!.status === "fulfilled") expect(retried[0]!.value).toEqual(winner);
    else expect(retried[0]!.reason).toMatchObject({ code: "CONFLICT" });
    expect(await t.db.creditEvent.count({ where: { customerId: customer.id, type: "USED" } })).toBe(1);
    expect(await balanceOf(t.db, customer.id)).toBe(3000n);
    expect(await refusal(captureHold(shop(), { idempotencyKey: newKey(), holdId: hold.id }))).toEqual({
      code: "CONFLICT",
      message: "This hold was already captured",
      field: "holdId",
    });
    await expectBooksAgree([customer.id]);
  });

  it("answers a retried capture or release with its first answer, moving nothing again", async () => {
    const { customer } = await customerWith("50");
    const first = await placeTestHold(t.db, customer.id, { amountMinor: 2000n });
    const second = await placeTestHold(t.db, customer.id, { amountMinor: 1000n });
    const capture = { idempotencyKey: newKey(), holdId: first.hold.id, amountMinor: 500n };
    const captured = await captureHold(shop(), capture);
    expect(await captureHold(shop(), capture)).toEqual(captured);
    expect(await refusal(captureHold(shop(), { ...capture, amountMinor: 600n }))).toMatchObject({ code: "IDEMPOTENCY_MISMATCH" });
    const release = { idempotencyKey: newKey(), holdId: second.hold.id };
    const released = await releaseHold(shop(), release);
    expect(await releaseHold(shop(), release)).toEqual(released);
    expect(released).toMatchObject({ balanceMinor: 4500n, spendableMinor: 4500n, hold: { status: "RELEASED" } });
    expect(await t.db.creditEvent.count({ where: { customerId: customer.id, type: "USED" } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { customerId: customer.id, action: { in: ["hold.capture", "hold.release"] } } })).toBe(2);
    await expectBooksAgree([customer.id]);
  });

  it("has one effect when a capture races a release", async () => {
    const { customer } = await customerWith("100");
    const holds = await Promise.all(Array.from({ length: 8 }, () => placeTestHold(t.db, customer.id, { amountMinor: 1000n })));
    const { fulfilled, refusedWith } = await settle(
      holds.flatMap(({ hold }) => [captureHold(shop(), { idempotencyKey: newKey(), holdId: hold.id }), releaseHold(shop(), { idempotencyKey: newKey(), holdId: hold.id })]),
      ["CONFLICT"],
    );
    expect(fulfilled).toHaveLength(8);
    expect(refusedWith).toHaveLength(8);
    const captured = await t.db.creditHold.count({ where: { customerId: customer.id, status: "CAPTURED" } });
    const released = await t.db.creditHold.count({ where: { customerId: customer.id, status: "RELEASED" } });
    expect(captured + released).toBe(8);
    expect(await balanceOf(t.db, customer.id)).toBe(10000n - BigInt(captured) * 1000n);
    expect(await heldOf(customer.id)).toBe(0n);
    await expectBooksAgree([customer.id]);
  });

  it("refuses a capture above the hold, of an unknown hold and of an expired hold, writing nothing", async () => {
    const { customer } = await customerWith("100");
    const { hold } = await placeTestHold(t.db, customer.id, { amountMinor: 2000n });
    const before = await writesOf(customer.id);
    expect(await refusal(captureHold(shop(), { idempotencyKey: newKey(), holdId: hold.id, amountMinor: 2001n }))).toEqual({
      code: "BAD_INPUT",
      message: "At most US$20.00 is held; capture that or less",
      field: "amountMinor",
    });
    expect(await refusal(captureHold(shop(), { idempotencyKey: newKey(), holdId: randomUUID() }))).toEqual({ code: "NOT_FOUND", message: "This hold does not exist", field: "holdId" });
    await backdateHold(t.db, hold.id);
    expect(await refusal(captureHold(shop(), { idempotencyKey: newKey(), holdId: hold.id }))).toMatchObject({ code: "CONFLICT", message: "This hold has expired" });
    expect(await refusal(releaseHold(shop(), { idempotencyKey: newKey(), holdId: hold.id }))).toMatchObject({ code: "CONFLICT", message: "This hold has expired" });
    expect(await writesOf(customer.id)).toEqual(before);
    expect(await holdRow(hold.id)).toMatchObject({ status: "PLACED", capturedMinor: 0n });
  });

  it("spends only what this hold set aside when credits under it expired meanwhile", async () => {
    const customer = await createCustomer(t.db);
    const expiring = await issueTestCredit(admin, customer.id, { amount: "10", expiresAt: days(1) });
    await issueTestCredit(admin, customer.id, { amount: "10" });
    const first = await placeTestHold(t.db, customer.id, { amountMinor: 1500n });
    await placeTestHold(t.db, customer.id, { amountMinor: 500n });
    await backdateExpiry(t.db, expiring.creditId);
    // 10 left, 5 of it the other hold's: this capture may take 5, not 15.
    expect(await refusal(captureHold(shop(), { idempotencyKey: newKey(), holdId: first.hold.id }))).toMatchObject({
      code: "INSUFFICIENT_FUNDS",
      message: "Only US$5.00 of store credit is left for this hold",
    });
    const captured = await captureHold(shop(), { idempotencyKey: newKey(), holdId: first.hold.id, amountMinor: 500n });
    expect(captured).toMatchObject({ balanceMinor: 500n, spendableMinor: 0n });
    await expectBooksAgree([customer.id]);
  });
});

describe("expiring holds", () => {
  it("releases each hold past its expiry exactly once, however many runs overlap", async () => {
    const { customer } = await customerWith("100");
    const holds = await Promise.all(Array.from({ length: 5 }, () => placeTestHold(t.db, customer.id, { amountMinor: 1000n })));
    const keeps = await placeTestHold(t.db, customer.id, { amountMinor: 1000n });
    for (const { hold } of holds) await backdateHold(t.db, hold.id);
    const runs = await Promise.all([expireHolds({ db: t.db }), expireHolds({ db: t.db }), expireHolds({ db: t.db })]);
    expect(runs.every((run) => run.failures === 0)).toBe(true);
    // Other files' holds may be due too; this customer's five were expired once between the runs.
    for (const { hold } of holds) {
      expect(await holdRow(hold.id)).toMatchObject({ status: "EXPIRED" });
      expect(await t.db.auditLog.count({ where: { entityId: hold.id, action: "hold.expire" } })).toBe(1);
    }
    expect(await holdRow(keeps.hold.id)).toMatchObject({ status: "PLACED" });
    expect(await heldOf(customer.id)).toBe(1000n);
    const again = await writesOf(customer.id);
    await expireHolds({ db: t.db });
    expect(await writesOf(customer.id)).toEqual(again);
    await expectBooksAgree([customer.id]);
  });

  it("runs as the hold-expiry job", async () => {
    const { customer } = await customerWith("20");
    const { hold } = await placeTestHold(t.db, customer.id, { amountMinor: 1000n });
    await backdateHold(t.db, hold.id);
    const lines: string[] = [];
    const jobs = JOBS.filter((job) => job.name === "hold-expiry");
    const { destroy } = await startTestJobQueue(t.target, t.db, { jobs, periodsMs: { "hold-expiry": 1000 }, log: (line) => lines.push(line) });
    try {
      await vi.waitFor(async () => expect(await holdRow(hold.id)).toMatchObject({ status: "EXPIRED" }), { timeout: 10_000 });
      await vi.waitFor(() => expect(lines.some((line) => line.startsWith("Hold expiry:"))).toBe(true));
    } finally {
      await destroy();
    }
    expect(await heldOf(customer.id)).toBe(0n);
  });
});

describe("reversing a spend", () => {
  it("gives a captured order back once, however many reversals race", async () => {
    const { customer, credit } = await customerWith("50");
    const { hold } = await placeTestHold(t.db, customer.id, { amountMinor: 2000n });
    const { spend } = await captureHold(shop(), { idempotencyKey: newKey(), holdId: hold.id, amountMinor: 1500n });
    const input = { idempotencyKey: newKey(), operationId: spend.operationId };
    const { fulfilled, refusedWith } = await settle(
      [reverseSpend(shop(), input), reverseSpend(shop(), { ...input, idempotencyKey: newKey() }), reverseSpend(shop(), { ...input, idempotencyKey: newKey() })],
      ["CONFLICT"],
    );
    expect(fulfilled).toHaveLength(1);
    expect(refusedWith).toEqual(["CONFLICT", "CONFLICT"]);
    expect(fulfilled[0]).toMatchObject({ amountMinor: 1500n, balanceMinor: 5000n, refundCreditId: null, allocations: [{ creditId: credit.creditId, amountMinor: 1500n }] });
    expect(await balanceOf(t.db, customer.id)).toBe(5000n);
    expect(await refusal(reverseSpend(shop(), { idempotencyKey: newKey(), operationId: spend.operationId }))).toEqual({
      code: "CONFLICT",
      message: "This spend was already given back in full",
    });
    expect(await refusal(reverseSpend(shop(), { idempotencyKey: newKey(), operationId: randomUUID() }))).toMatchObject({ code: "NOT_FOUND", field: "operationId" });
    await expectBooksAgree([customer.id]);
  });

  it("puts back what came from expired credits as a new Refund credit", async () => {
    const customer = await createCustomer(t.db);
    const expiring = await issueTestCredit(admin, customer.id, { amount: "10", expiresAt: days(2) });
    const keeps = await issueTestCredit(admin, customer.id, { amount: "10" });
    const { hold } = await placeTestHold(t.db, customer.id, { amountMinor: 1500n });
    const { spend } = await captureHold(shop(), { idempotencyKey: newKey(), holdId: hold.id });
    await backdateExpiry(t.db, expiring.creditId);
    const reversed = await reverseSpend(shop(), { idempotencyKey: newKey(), operationId: spend.operationId });
    expect(reversed.balanceMinor).toBe(2000n);
    expect(reversed.refundCreditId).not.toBeNull();
    const refundCredit = await t.db.storeCredit.findUniqueOrThrow({ where: { id: reversed.refundCreditId! } });
    expect(refundCredit).toMatchObject({ amountMinor: 1000n, usedMinor: 0n, categoryId: DEFAULT_CATEGORY_IDS.refund, expiresAt: null });
    const events = await t.db.creditEvent.findMany({ where: { operationId: reversed.operationId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.creditId, e.type, e.amountMinor])).toEqual([
      [keeps.creditId, "USE_REVERSED", 500n],
      [expiring.creditId, "USE_REVERSED", 1000n],
      [expiring.creditId, "EXPIRED", -1000n],
      [reversed.refundCreditId, "ISSUED", 1000n],
    ]);
    await expectBooksAgree([customer.id]);
  });
});
