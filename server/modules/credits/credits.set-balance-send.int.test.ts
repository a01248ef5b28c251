import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusal, fieldRefusal } from "@/tests/helpers/trpc-errors";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerFor } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { balanceOf, customerWithCredits, executed, issueTestCredit, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import { toDecimalString } from "@/server/lib/money";
import type { ServiceContext } from "@/server/lib/service-context";
import {
  DEFAULT_CATEGORY_IDS,
  DEFAULT_INFRASTRUCTURE_IDS,
  DEFAULT_METHOD_IDS,
  DEFAULT_REASON_IDS,
} from "@/server/modules/settings/settings-defaults";
import { spendCredit } from "./spend-credit";

let t: TestDb;
let admin: ServiceContext;
let caller: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
  caller = await callerFor(t.db, admin.actor.id);
});
afterAll(() => t.close());

/** Sets the balance from a page showing the current one. */
const setTo = async (customerId: string, balance: string, currency = "USD") =>
  executed(await caller.credits.setBalance({
    idempotencyKey: newKey(),
    customerId,
    currency,
    balance,
    expectedBalance: toDecimalString(await balanceOf(t.db, customerId, currency), currency),
    reasonId: DEFAULT_REASON_IDS.reconciliation,
    note: "Audit",
  }));

describe("setting a balance", () => {
  it("raises the balance with one ADJUSTED_UP event on a new Manual correction credit", async () => {
    const { customer } = await customerWithCredits(admin, ["10.00"]);
    const result = await setTo(customer.id, "25.50");
    expect(result).toMatchObject({ previousBalanceMinor: 1000n, balanceMinor: 2550n });
    const credit = await t.db.storeCredit.findUniqueOrThrow({ where: { id: result.creditId! } });
    expect(credit).toMatchObject({ amountMinor: 1550n, categoryId: DEFAULT_CATEGORY_IDS.manualCorrection, memo: "Audit" });
    const events = await t.db.creditEvent.findMany({ where: { operationId: result.operationId } });
    expect(events).toMatchObject([{ type: "ADJUSTED_UP", amountMinor: 1550n, balanceAfterMinor: 2550n, reason: "Balance reconciliation" }]);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("lowers the balance from the newest credits with unused balance first, one event per credit", async () => {
    const { customer, credits } = await customerWithCredits(admin, ["10.00", "20.00", "5.00"]);
    const [oldest, middle, newest] = credits.map((c) => c.creditId);
    await spendCredit(admin, { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: 300n });
    // Spent 3.00 from the oldest (no expiries, so oldest first): 7 + 20 + 5 = 32 left.
    const result = await setTo(customer.id, "4.00");
    expect(result).toMatchObject({ previousBalanceMinor: 3200n, balanceMinor: 400n, creditId: null });

    const events = await t.db.creditEvent.findMany({ where: { operationId: result.operationId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.creditId, e.type, e.amountMinor, e.balanceAfterMinor])).toEqual([
      [newest, "ADJUSTED_DOWN", -500n, 2700n],
      [middle, "ADJUSTED_DOWN", -2000n, 700n],
      [oldest, "ADJUSTED_DOWN", -300n, 400n],
    ]);
    const oldestRow = await t.db.storeCredit.findUniqueOrThrow({ where: { id: oldest! } });
    expect(oldestRow).toMatchObject({ amountMinor: 700n, usedMinor: 300n });
    expect(await balanceOf(t.db, customer.id)).toBe(400n);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("sets a balance to zero, and a first balance for a customer without credit", async () => {
    const { customer } = await customerWithCredits(admin, ["10.00", "1.00"]);
    expect(await setTo(customer.id, "0")).toMatchObject({ balanceMinor: 0n });
    const fresh = await createCustomer(t.db);
    expect(await setTo(fresh.id, "3000", "JPY")).toMatchObject({ previousBalanceMinor: 0n, balanceMinor: 3000n });
    expect(await ledgerProblems(t.db, [customer.id, fresh.id])).toEqual({ balances: [], credits: [] });
  });

  it("refuses the balance it already has, a bad amount, an unknown reason, and an unknown customer", async () => {
    const { customer } = await customerWithCredits(admin, ["10.00"]);
    expect(await refusal(setTo(customer.id, "10"))).toEqual({ code: "BAD_REQUEST", message: "The balance is already US$10.00" });
    expect(await fieldRefusal(setTo(customer.id, "-1"))).toMatchObject({ fieldMessage: "balance: Enter an amount of zero or more" });
    expect(await fieldRefusal(setTo(customer.id, "1.001"))).toMatchObject({ fieldMessage: "balance: Use at most 2 decimals for USD" });
    expect(
      await refusal(
        caller.credits.setBalance({ idempotencyKey: newKey(), customerId: customer.id, currency: "USD", balance: "1", expectedBalance: "10.00", reasonId: newKey() }),
      ),
    ).toMatchObject({ message: "Choose an active reason" });
    expect(await refusal(setTo(newKey(), "5"))).toMatchObject({ code: "NOT_FOUND" });
    expect(await balanceOf(t.db, customer.id)).toBe(1000n);
  });
});

describe("sending credits", () => {
  const send = async (customerId: string, overrides: Record<string, unknown> = {}) =>
    executed(await caller.credits.send({
      idempotencyKey: newKey(),
      customerId,
      amount: "50.00",
      currency: "EUR",
      infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.bankTransfer,
      methodId: DEFAULT_METHOD_IDS.sepaTransfer,
      earningAmount: "45.00",
      isRevenue: true,
      ...overrides,
    }));

  it("adds the credit, records the earning as a manual payment, and says where the history is", async () => {
    const customer = await createCustomer(t.db, { firstName: "Ada", lastName: "Byron" });
    const result = await send(customer.id);
    expect(result).toMatchObject({
      customerId: customer.id,
      customerName: "Ada Byron",
      currency: "EUR",
      amountMinor: 5000n,
      balanceMinor: 5000n,
      earningMinor: 4500n,
      creditHistoryPath: `/customers/${customer.id}/credit-history`,
    });
    expect(result.paymentReference).toMatch(/^PAY-[0-9A-Z]{10}$/);
    const payment = await t.db.payment.findUniqueOrThrow({ where: { id: result.paymentId! } });
    expect(payment).toMatchObject({
      customerId: customer.id,
      amountMinor: 4500n,
      currency: "EUR",
      methodKind: "MANUAL",
      infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.bankTransfer,
      methodId: DEFAULT_METHOD_IDS.sepaTransfer,
      isRevenue: true,
      createdById: admin.actor.id,
    });
    const credit = await t.db.storeCredit.findUniqueOrThrow({ where: { id: result.creditId } });
    expect(credit).toMatchObject({ paymentId: payment.id, categoryId: DEFAULT_CATEGORY_IDS.manualCorrection });
    const [event] = await t.db.creditEvent.findMany({ where: { creditId: result.creditId } });
    expect(event).toMatchObject({ type: "ISSUED", reason: "Sent credits (Bank transfer · SEPA transfer)" });
  });

  it("records no payment for a zero earning, and marks a non-revenue earning", async () => {
    const customer = await createCustomer(t.db);
    const free = await send(customer.id, { earningAmount: "0" });
    expect(free).toMatchObject({ paymentId: null, paymentReference: null, earningMinor: 0n });
    const gift = await send(customer.id, { earningAmount: "10", isRevenue: false, categoryId: DEFAULT_CATEGORY_IDS.promotion });
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: gift.paymentId! } })).toMatchObject({ isRevenue: false });
    expect(await t.db.payment.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await t.db.storeCredit.findUniqueOrThrow({ where: { id: gift.creditId } })).toMatchObject({ categoryId: DEFAULT_CATEGORY_IDS.promotion });
  });

  it("sends a zero earning without a payment infrastructure or method, and audits that none was chosen", async () => {
    const customer = await createCustomer(t.db);
    const free = await send(customer.id, { earningAmount: "0", infrastructureId: undefined, methodId: "" });
    expect(free).toMatchObject({ paymentId: null, paymentReference: null, earningMinor: 0n, balanceMinor: 5000n });
    expect(await t.db.payment.count({ where: { customerId: customer.id } })).toBe(0);
    const [event] = await t.db.creditEvent.findMany({ where: { creditId: free.creditId } });
    expect(event).toMatchObject({ type: "ISSUED", reason: "Sent credits" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "credit.send", entityId: free.creditId } });
    expect(audit.details).toMatchObject({ earningMinor: "0", infrastructure: null, method: null, paymentId: null });
  });

  it("requires the payment infrastructure and method only when the earning is above 0, writing nothing", async () => {
    const customer = await createCustomer(t.db);
    const refused = await fieldRefusal(send(customer.id, { earningAmount: "0.01", infrastructureId: "", methodId: undefined }));
    expect(refused).toMatchObject({ fieldMessage: "infrastructureId: Choose a payment infrastructure: an earning above 0 is recorded as a payment" });
    expect(await fieldRefusal(send(customer.id, { earningAmount: "0", methodId: undefined }))).toMatchObject({
      fieldMessage: "methodId: Choose a payment method too, or leave both empty",
    });
    expect(await t.db.storeCredit.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it("refuses a method of another infrastructure and a bad earning, writing nothing", async () => {
    const customer = await createCustomer(t.db);
    expect(await refusal(send(customer.id, { methodId: DEFAULT_METHOD_IDS.inStore }))).toEqual({
      code: "BAD_REQUEST",
      message: "Choose a payment method of Bank transfer",
    });
    expect(await fieldRefusal(send(customer.id, { earningAmount: "-1" }))).toMatchObject({ fieldMessage: "earningAmount: Enter an amount of zero or more" });
    expect(await fieldRefusal(send(customer.id, { earningAmount: "1.5", currency: "JPY", amount: "100" }))).toMatchObject({
      fieldMessage: "earningAmount: JPY has no decimals; enter a whole amount",
    });
    expect(await t.db.storeCredit.count({ where: { customerId: customer.id } })).toBe(0);
    expect(await t.db.payment.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it("replays the first result for a retried send, with one payment", async () => {
    const customer = await createCustomer(t.db);
    const input = {
      idempotencyKey: newKey(),
      customerId: customer.id,
      amount: "5",
      currency: "USD",
      infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.cash,
      methodId: DEFAULT_METHOD_IDS.inStore,
      earningAmount: "5",
    };
    const first = await caller.credits.send(input);
    expect(await caller.credits.send(input)).toEqual(first);
    expect(await t.db.payment.count({ where: { customerId: customer.id } })).toBe(1);
  });
});

describe("customer summary", () => {
  it("gives balances, lifetime paid, payment count and refunded per currency", async () => {
    const customer = await createCustomer(t.db);
    await issueTestCredit(admin, customer.id, { amount: "12.00" });
    await issueTestCredit(admin, customer.id, { amount: "500", currency: "JPY" });
    const base = { customerId: customer.id, infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.manual, methodId: DEFAULT_METHOD_IDS.adminEntry };
    await caller.credits.send({ ...base, idempotencyKey: newKey(), amount: "10", currency: "USD", earningAmount: "8" });
    await caller.credits.send({ ...base, idempotencyKey: newKey(), amount: "10", currency: "USD", earningAmount: "2" });
    // Refunds are issue 5; a refunded amount written directly stands in for one.
    await t.db.payment.updateMany({ where: { customerId: customer.id, amountMinor: 200n }, data: { refundedMinor: 150n } });

    const summary = await caller.customers.summary({ customerId: customer.id });
    expect(summary).toEqual({
      customerId: customer.id,
      balances: [
        { currency: "USD", amountMinor: 3200n, totalMinor: 3200n, heldMinor: 0n },
        { currency: "JPY", amountMinor: 500n, totalMinor: 500n, heldMinor: 0n },
      ],
      payments: {
        count: 2,
        lifetimePaid: [{ currency: "USD", amountMinor: 1000n }],
        totalRefunded: [{ currency: "USD", amountMinor: 150n }],
      },
    });
    const empty = await createCustomer(t.db);
    expect(await caller.customers.summary({ customerId: empty.id })).toEqual({
      customerId: empty.id,
      balances: [],
      payments: { count: 0, lifetimePaid: [], totalRefunded: [] },
    });
  });

  it("lists the customer's payments newest first, with their status", async () => {
    const customer = await createCustomer(t.db);
    const base = { customerId: customer.id, infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.cash, methodId: DEFAULT_METHOD_IDS.inStore, currency: "GBP" };
    const first = executed(await caller.credits.send({ ...base, idempotencyKey: newKey(), amount: "1", earningAmount: "1" }));
    const second = executed(await caller.credits.send({ ...base, idempotencyKey: newKey(), amount: "2", earningAmount: "2" }));
    const page = await caller.payments.list({ customerId: customer.id, limit: 1 });
    expect(page.items).toMatchObject([{ id: second.paymentId, status: "PAID", methodKind: "MANUAL", infrastructureName: "Cash", methodName: "In store" }]);
    const next = await caller.payments.list({ customerId: customer.id, limit: 1, cursor: page.nextCursor });
    expect(next.items.map((p) => p.id)).toEqual([first.paymentId]);
    expect(next.nextCursor).toBeNull();
  });
});
