import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { fieldRefusal, refusal } from "@/tests/helpers/trpc-errors";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerAs } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { balanceOf, executed, ledgerProblems, newKey } from "@/tests/factories/credits";
import { creditWritesOf } from "@/tests/factories/writes";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";

let t: TestDb;
let caller: Awaited<ReturnType<typeof callerAs>>["caller"];
let adminId: string;

beforeAll(async () => {
  t = await openTestDb();
  const admin = await callerAs(t.db, "ADMIN");
  caller = admin.caller;
  adminId = admin.staff.id;
});
afterAll(() => t.close());

const issueInput = (customerId: string, overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: newKey(),
  customerId,
  amount: "25.00",
  currency: "USD",
  categoryId: DEFAULT_CATEGORY_IDS.goodwill,
  ...overrides,
});

const creditsOf = (customerId: string) => t.db.storeCredit.findMany({ where: { customerId } });

describe("adding store credit", () => {
  it("creates the credit, its ISSUED event, the balance and an audit row in one go", async () => {
    const customer = await createCustomer(t.db);
    const result = executed(await caller.credits.issue(issueInput(customer.id, { amount: "25.00", memo: "  Late delivery  " })));

    expect(result).toMatchObject({ customerId: customer.id, currency: "USD", amountMinor: 2500n, balanceMinor: 2500n, notificationId: null });
    const credit = await t.db.storeCredit.findUniqueOrThrow({ where: { id: result.creditId } });
    expect(credit).toMatchObject({ amountMinor: 2500n, usedMinor: 0n, memo: "Late delivery", createdById: adminId, categoryId: DEFAULT_CATEGORY_IDS.goodwill });
    const events = await t.db.creditEvent.findMany({ where: { creditId: result.creditId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "ISSUED", amountMinor: 2500n, balanceAfterMinor: 2500n, actorId: adminId });
    const audit = await t.db.auditLog.findMany({ where: { entityId: result.creditId } });
    expect(audit.map((a) => a.action)).toEqual(["credit.issue"]);

    await caller.credits.issue(issueInput(customer.id, { amount: "5" }));
    expect(await balanceOf(t.db, customer.id)).toBe(3000n);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("keeps each currency's balance apart, in that currency's minor units", async () => {
    const customer = await createCustomer(t.db);
    await caller.credits.issue(issueInput(customer.id, { amount: "1500", currency: "JPY" }));
    await caller.credits.issue(issueInput(customer.id, { amount: "12.34", currency: "EUR" }));
    expect(await balanceOf(t.db, customer.id, "JPY")).toBe(1500n);
    expect(await balanceOf(t.db, customer.id, "EUR")).toBe(1234n);
    expect(await balanceOf(t.db, customer.id, "USD")).toBe(0n);
  });

  it("queues an SMS for a customer with a phone and an email otherwise, when asked to notify", async () => {
    const withPhone = await createCustomer(t.db, { phone: "+1 415-555-0134" });
    const withoutPhone = await createCustomer(t.db, { phone: null });
    const sms = executed(await caller.credits.issue(issueInput(withPhone.id, { notifyCustomer: true })));
    const email = executed(await caller.credits.issue(issueInput(withoutPhone.id, { notifyCustomer: true, amount: "700", currency: "JPY" })));
    await caller.credits.issue(issueInput(withoutPhone.id, { notifyCustomer: false }));

    const smsRow = await t.db.notification.findUniqueOrThrow({ where: { id: sms.notificationId! } });
    expect(smsRow).toMatchObject({ channel: "SMS", recipient: "+1 415-555-0134", status: "PENDING", attempts: 0, kind: "credit.received" });
    expect(smsRow.body).toBe("You have received US$25.00 in store credit.");
    const emailRow = await t.db.notification.findUniqueOrThrow({ where: { id: email.notificationId! } });
    expect(emailRow).toMatchObject({ channel: "EMAIL", recipient: withoutPhone.email, body: "You have received JP¥700 in store credit." });
    expect(await t.db.notification.count({ where: { customerId: withoutPhone.id } })).toBe(1);
  });

  it("mentions the expiry date in the notification", async () => {
    const customer = await createCustomer(t.db);
    const expiresAt = new Date(Date.UTC(2099, 11, 31, 23, 59));
    const result = executed(await caller.credits.issue(issueInput(customer.id, { notifyCustomer: true, expiresAt })));
    const row = await t.db.notification.findUniqueOrThrow({ where: { id: result.notificationId! } });
    expect(row.body).toBe("You have received US$25.00 in store credit. It expires on 31 Dec 2099.");
  });
});

describe("amount rules", () => {
  it.each([
    ["0", "USD", "amount: Enter an amount above zero"],
    ["-5", "USD", "amount: Enter an amount above zero"],
    ["0.001", "USD", "amount: Use at most 2 decimals for USD"],
    ["1.5", "JPY", "amount: JPY has no decimals; enter a whole amount"],
    ["1000000000.01", "USD", "amount: Enter at most US$1,000,000,000.00"],
    ["2000000000", "JPY", "amount: Enter at most JP¥1,000,000,000"],
    ["12,5", "USD", "amount: Enter an amount like 1234.56"],
    ["", "USD", "amount: Enter an amount"],
  ])("refuses %s %s with a message naming the field, and writes nothing", async (amount, currency, message) => {
    const customer = await createCustomer(t.db);
    expect(await fieldRefusal(caller.credits.issue(issueInput(customer.id, { amount, currency })))).toEqual({ code: "BAD_REQUEST", fieldMessage: message });
    expect(await creditsOf(customer.id)).toEqual([]);
    expect(await t.db.creditBalance.count({ where: { customerId: customer.id } })).toBe(0);
  });

  // Typed with a decimal comma, each of these once became 1000x (or 100x) the amount meant.
  it.each([
    ["0,500", "USD"],
    ["0,050", "EUR"],
    ["000,001", "USD"],
    ["1,23", "USD"],
    ["1,2345", "USD"],
  ])("refuses %s %s as an amount that could be misread, and writes nothing", async (amount, currency) => {
    const customer = await createCustomer(t.db);
    const input = issueInput(customer.id, { amount, currency, notifyCustomer: true });
    const scope = { customerId: customer.id, actorId: adminId, idempotencyKey: input.idempotencyKey };
    const before = await creditWritesOf(t.db, scope);

    expect(await fieldRefusal(caller.credits.issue(input))).toEqual({ code: "BAD_REQUEST", fieldMessage: "amount: Enter an amount like 1234.56" });
    expect(await creditWritesOf(t.db, scope)).toEqual(before);
    expect(before).toEqual({ credits: [], events: 0, balances: [], notifications: 0, idempotencyKeys: 0, auditRows: before.auditRows });
  });

  it("accepts the same amounts written plainly or with correct grouping", async () => {
    const customer = await createCustomer(t.db);
    expect(await caller.credits.issue(issueInput(customer.id, { amount: "0.500" }))).toMatchObject({ amountMinor: 50n });
    expect(await caller.credits.issue(issueInput(customer.id, { amount: "1,234.56" }))).toMatchObject({ amountMinor: 123456n });
    expect(await caller.credits.issue(issueInput(customer.id, { amount: "0500" }))).toMatchObject({ amountMinor: 50000n });
    expect(await balanceOf(t.db, customer.id)).toBe(50n + 123456n + 50000n);
  });

  it("accepts exactly 1,000,000,000 major units, and the smallest unit", async () => {
    const customer = await createCustomer(t.db);
    await caller.credits.issue(issueInput(customer.id, { amount: "1000000000", currency: "JPY" }));
    await caller.credits.issue(issueInput(customer.id, { amount: "0.01", currency: "USD" }));
    expect(await balanceOf(t.db, customer.id, "JPY")).toBe(1_000_000_000n);
    expect(await balanceOf(t.db, customer.id, "USD")).toBe(1n);
  });

  it("refuses to take a balance past the 1,000,000,000 limit, and rolls back", async () => {
    const customer = await createCustomer(t.db);
    await caller.credits.issue(issueInput(customer.id, { amount: "1000000000", currency: "JPY" }));
    const { code, message } = await refusal(caller.credits.issue(issueInput(customer.id, { amount: "1", currency: "JPY" })));
    expect(code).toBe("BAD_REQUEST");
    expect(message).toMatch(/above JP¥1,000,000,000/);
    expect(await creditsOf(customer.id)).toHaveLength(1);
    expect(await balanceOf(t.db, customer.id, "JPY")).toBe(1_000_000_000n);
  });

  it("refuses a currency the store does not accept, an unknown category and an unknown customer", async () => {
    const customer = await createCustomer(t.db);
    expect(await refusal(caller.credits.issue(issueInput(customer.id, { currency: "CHF" })))).toEqual({
      code: "BAD_REQUEST",
      message: "CHF is not a currency this store accepts",
    });
    expect(await fieldRefusal(caller.credits.issue(issueInput(customer.id, { currency: "XYZ" })))).toMatchObject({ fieldMessage: 'currency: "XYZ" is not a currency code' });
    expect(await refusal(caller.credits.issue(issueInput(customer.id, { categoryId: "01900000-0000-7000-8000-00000000ffff" })))).toMatchObject({
      code: "BAD_REQUEST",
      message: "Choose an active category",
    });
    expect(await refusal(caller.credits.issue(issueInput("01900000-0000-7000-8000-0000000fffff")))).toMatchObject({ code: "NOT_FOUND" });
    expect(await creditsOf(customer.id)).toEqual([]);
  });

  it("refuses an expiry date in the past and an over-long memo", async () => {
    const customer = await createCustomer(t.db);
    expect(await fieldRefusal(caller.credits.issue(issueInput(customer.id, { expiresAt: new Date(Date.now() - 1000) })))).toMatchObject({
      fieldMessage: "expiresAt: Choose a date in the future",
    });
    expect(await fieldRefusal(caller.credits.issue(issueInput(customer.id, { memo: "x".repeat(501) })))).toMatchObject({
      fieldMessage: "memo: Keep the memo under 500 characters",
    });
  });

  it("puts the field in the error data, for forms to show beside the input", async () => {
    const customer = await createCustomer(t.db);
    const error = await caller.credits.issue(issueInput(customer.id, { amount: "1.234" })).catch((e: unknown) => e as TRPCError);
    expect(error).toBeInstanceOf(TRPCError);
    // The formatter builds data.fieldErrors from the cause's issues; the caller sees the cause.
    const issues = ((error as TRPCError).cause as { issues?: { path: string[]; message: string }[] }).issues;
    expect(issues?.[0]).toMatchObject({ path: ["amount"], message: "Use at most 2 decimals for USD" });
  });
});

describe("idempotency", () => {
  it("creates one credit for the same key sent twice, and returns the first result", async () => {
    const customer = await createCustomer(t.db);
    const input = issueInput(customer.id);
    const first = await caller.credits.issue(input);
    const second = await caller.credits.issue(input);
    expect(second).toEqual(first);
    expect(await creditsOf(customer.id)).toHaveLength(1);
    expect(await balanceOf(t.db, customer.id)).toBe(2500n);
  });

  it("refuses the same key with a different request (CONFLICT), writing nothing", async () => {
    const customer = await createCustomer(t.db);
    const input = issueInput(customer.id);
    await caller.credits.issue(input);
    expect(await refusal(caller.credits.issue({ ...input, amount: "26.00" }))).toEqual({
      code: "CONFLICT",
      message: "This idempotency key was already used for a different request",
    });
    expect(await creditsOf(customer.id)).toHaveLength(1);
  });

  it("makes one credit when the same request races itself", async () => {
    const customer = await createCustomer(t.db);
    const input = issueInput(customer.id);
    const results = await Promise.all(Array.from({ length: 8 }, () => caller.credits.issue(input)));
    expect(new Set(results.map((r) => executed(r).creditId)).size).toBe(1);
    expect(await creditsOf(customer.id)).toHaveLength(1);
    expect(await balanceOf(t.db, customer.id)).toBe(2500n);
  });

  it("refuses a request without a valid key", async () => {
    const customer = await createCustomer(t.db);
    expect(await fieldRefusal(caller.credits.issue(issueInput(customer.id, { idempotencyKey: "abc" })))).toMatchObject({
      code: "BAD_REQUEST",
      fieldMessage: "idempotencyKey: Missing request id; reload the form",
    });
  });
});
