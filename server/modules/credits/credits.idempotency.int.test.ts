// A key's answer is its first answer, refusal included: a retry with the same key and input gets
// the same refusal even after conditions change, and a key is one staff member's, never another's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { fieldRefusal, refusal } from "@/tests/helpers/trpc-errors";
import { createCustomer } from "@/tests/factories/customers";
import { balanceOf, executed, issueTestCredit, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import { callerFor } from "@/tests/factories/staff";
import { isAppError } from "@/server/lib/app-error";
import type { ServiceContext } from "@/server/lib/service-context";
import { DEFAULT_CATEGORY_IDS, DEFAULT_INFRASTRUCTURE_IDS, DEFAULT_METHOD_IDS, DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";
import { reverseSpend, spendCredit } from "./spend-credit";

let t: TestDb;
let adminCtx: ServiceContext;
let admin: Awaited<ReturnType<typeof callerFor>>;
let agent: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  t = await openTestDb();
  adminCtx = await serviceContextAs(t.db, "ADMIN");
  admin = await callerFor(t.db, adminCtx.actor.id);
  agent = await callerFor(t.db, (await serviceContextAs(t.db, "SUPPORT_AGENT")).actor.id);
});
afterAll(() => t.close());

const storefront = () => ({ db: t.db, actor: null });

/** The AppError a service call (no tRPC in between) refused with. */
async function appRefusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`Expected an AppError, got ${String(error)}`);
  return { code: error.code, message: error.message, field: error.field };
}

const eventTypesOf = async (customerId: string) =>
  (await t.db.creditEvent.findMany({ where: { credit: { customerId } }, orderBy: { seq: "asc" } })).map((e) => e.type);

async function inactiveCategory() {
  const category = await admin.settings.categories.create({ name: `Idempotency ${newKey().slice(0, 8)}` });
  await admin.settings.categories.setActive({ id: category.id, isActive: false });
  return category;
}

describe("a refusal is the key's answer", () => {
  it("keeps a refused set balance refused after credit is added meanwhile (the £63.70 report)", async () => {
    const customer = await createCustomer(t.db);
    const setToZero = { idempotencyKey: newKey(), customerId: customer.id, currency: "GBP", balance: "0.00", expectedBalance: "0.00", reasonId: DEFAULT_REASON_IDS.reconciliation, note: "Zero it" };
    const refused = { code: "BAD_REQUEST", fieldMessage: "balance: The balance is already £0.00" };

    expect(await fieldRefusal(admin.credits.setBalance(setToZero))).toEqual(refused);
    // A support agent has no GBP limits (their GBP credit would wait for approval), so an admin adds it.
    await admin.credits.issue({ idempotencyKey: newKey(), customerId: customer.id, amount: "63.70", currency: "GBP", categoryId: DEFAULT_CATEGORY_IDS.goodwill });
    expect(await fieldRefusal(admin.credits.setBalance(setToZero))).toEqual(refused);

    expect(await balanceOf(t.db, customer.id, "GBP")).toBe(6_370n);
    expect(await eventTypesOf(customer.id)).toEqual(["ISSUED"]);
    expect(await t.db.auditLog.count({ where: { action: "credit.set_balance", entityId: customer.id } })).toBe(0);
    // The same key with other input is still a different request.
    expect(await refusal(admin.credits.setBalance({ ...setToZero, balance: "1.00" }))).toEqual({
      code: "CONFLICT",
      message: "This idempotency key was already used for a different request",
    });
  });

  it("keeps a spend refused for insufficient funds refused after the balance grows", async () => {
    const customer = await createCustomer(t.db);
    await issueTestCredit(adminCtx, customer.id, { amount: "5.00" });
    const spend = { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: 1_000n, reference: "Order 63" };
    const refused = { code: "INSUFFICIENT_FUNDS", message: "Only US$5.00 of store credit is available", field: "amount" };

    expect(await appRefusal(spendCredit(storefront(), spend))).toEqual(refused);
    await issueTestCredit(adminCtx, customer.id, { amount: "10.00" });
    expect(await appRefusal(spendCredit(storefront(), spend))).toEqual(refused);

    expect(await balanceOf(t.db, customer.id)).toBe(1_500n);
    expect(await eventTypesOf(customer.id)).toEqual(["ISSUED", "ISSUED"]);
  });

  it("answers a retried reversal with its first refusal, not one worked out again", async () => {
    const customer = await createCustomer(t.db);
    await issueTestCredit(adminCtx, customer.id, { amount: "10.00" });
    const spent = await spendCredit(storefront(), { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: 500n });
    const tooMuch = { idempotencyKey: newKey(), spendOperationId: spent.operationId, amountMinor: 800n };
    const refused = { code: "BAD_INPUT", message: "At most US$5.00 of this spend can still be given back", field: "amount" };

    expect(await appRefusal(reverseSpend(storefront(), tooMuch))).toEqual(refused);
    await reverseSpend(storefront(), { idempotencyKey: newKey(), spendOperationId: spent.operationId, amountMinor: 200n });
    // Worked out again it would say US$3.00; the key answers what it answered.
    expect(await appRefusal(reverseSpend(storefront(), tooMuch))).toEqual(refused);
    expect(await balanceOf(t.db, customer.id)).toBe(700n);
  });

  it("keeps an edit below the used amount refused after the spend is given back", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(adminCtx, customer.id, { amount: "10.00" });
    const spent = await spendCredit(storefront(), { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: 600n });
    const lower = { idempotencyKey: newKey(), creditId: credit.creditId, amount: "5.00", expectedAmount: "10.00", currency: "USD", reasonId: DEFAULT_REASON_IDS.other };
    const refused = { code: "BAD_REQUEST", fieldMessage: "amount: US$6.00 of this credit has been used; the amount cannot go below that" };

    expect(await fieldRefusal(admin.credits.update(lower))).toEqual(refused);
    await reverseSpend(storefront(), { idempotencyKey: newKey(), spendOperationId: spent.operationId });
    expect(await fieldRefusal(admin.credits.update(lower))).toEqual(refused);

    expect(await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } })).toMatchObject({ amountMinor: 1_000n, usedMinor: 0n });
    expect(await balanceOf(t.db, customer.id)).toBe(1_000n);
  });

  it("keeps a delete of a fully used credit refused after the spend is given back", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(adminCtx, customer.id, { amount: "10.00" });
    const spent = await spendCredit(storefront(), { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: 1_000n });
    const remove = { idempotencyKey: newKey(), creditId: credit.creditId, reasonId: DEFAULT_REASON_IDS.other };
    const refused = { code: "CONFLICT", message: "This credit is fully used, so there is nothing left to delete" };

    expect(await refusal(admin.credits.void(remove))).toEqual(refused);
    await reverseSpend(storefront(), { idempotencyKey: newKey(), spendOperationId: spent.operationId });
    expect(await refusal(admin.credits.void(remove))).toEqual(refused);

    expect((await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } })).voidedAt).toBeNull();
    expect(await balanceOf(t.db, customer.id)).toBe(1_000n);
  });

  it("keeps an add and a send with an inactive category refused after the category is turned back on", async () => {
    const customer = await createCustomer(t.db);
    const category = await inactiveCategory();
    const add = { idempotencyKey: newKey(), customerId: customer.id, amount: "20.00", currency: "USD", categoryId: category.id };
    const send = {
      ...add,
      idempotencyKey: newKey(),
      infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.cash,
      methodId: DEFAULT_METHOD_IDS.inStore,
      earningAmount: "20.00",
    };
    const refused = { code: "BAD_REQUEST", fieldMessage: "categoryId: Choose an active category" };

    expect(await fieldRefusal(agent.credits.issue(add))).toEqual(refused);
    expect(await fieldRefusal(agent.credits.send(send))).toEqual(refused);
    await admin.settings.categories.setActive({ id: category.id, isActive: true });
    expect(await fieldRefusal(agent.credits.issue(add))).toEqual(refused);
    expect(await fieldRefusal(agent.credits.send(send))).toEqual(refused);

    expect(await balanceOf(t.db, customer.id)).toBe(0n);
    expect(await t.db.payment.count({ where: { customerId: customer.id } })).toBe(0);
    // A new attempt is a new key, and now it goes through.
    expect(await agent.credits.issue({ ...add, idempotencyKey: newKey() })).toMatchObject({ balanceMinor: 2_000n });
  });

  it("lets input refused before it runs (validation) be sent again with the same key", async () => {
    const customer = await createCustomer(t.db);
    const key = newKey();
    const add = { idempotencyKey: key, customerId: customer.id, currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill };
    expect(await fieldRefusal(agent.credits.issue({ ...add, amount: "ten" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.idempotencyKey.count({ where: { key } })).toBe(0);
    expect(await agent.credits.issue({ ...add, amount: "10.00" })).toMatchObject({ balanceMinor: 1_000n });
  });
});

describe("a key is one staff member's", () => {
  it("runs another staff member's key as their own new request, never answering with the first one's result", async () => {
    const customer = await createCustomer(t.db);
    const add = { idempotencyKey: newKey(), customerId: customer.id, amount: "25.00", currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill };

    const admins = executed(await admin.credits.issue(add));
    const agents = executed(await agent.credits.issue(add));

    expect(agents.creditId).not.toBe(admins.creditId);
    expect(agents.balanceMinor).toBe(5_000n);
    // Each one's retry is still answered with their own first result.
    expect(await admin.credits.issue(add)).toEqual(admins);
    expect(await agent.credits.issue(add)).toEqual(agents);
    expect(await balanceOf(t.db, customer.id)).toBe(5_000n);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("does not hand another staff member the first one's refusal either", async () => {
    const customer = await createCustomer(t.db);
    const spend = { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: 500n };
    expect(await appRefusal(spendCredit(storefront(), spend))).toMatchObject({ code: "INSUFFICIENT_FUNDS" });
    await issueTestCredit(adminCtx, customer.id, { amount: "10.00" });
    // The storefront's key is the system's; a staff member sending it makes a request of their own.
    expect(await spendCredit(adminCtx, spend)).toMatchObject({ balanceMinor: 500n });
  });
});
