import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusal, fieldRefusal } from "@/tests/helpers/trpc-errors";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerFor } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { backdateExpiry, balanceOf, executed, issueTestCredit, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import type { ServiceContext } from "@/server/lib/service-context";
import { DEFAULT_CATEGORY_IDS, DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";
import { spendCredit } from "./spend-credit";
import { expireCredits } from "./expire-credits";

let t: TestDb;
let admin: ServiceContext;
let caller: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
  caller = await callerFor(t.db, admin.actor.id);
});
afterAll(() => t.close());

async function creditWithSpend(amount: string, spent: bigint) {
  const customer = await createCustomer(t.db);
  const credit = await issueTestCredit(admin, customer.id, { amount });
  if (spent > 0n) await spendCredit(admin, { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: spent });
  return { customer, credit };
}

const eventsOf = (creditId: string) => t.db.creditEvent.findMany({ where: { creditId }, orderBy: { seq: "asc" } });

describe("editing a credit", () => {
  it("changes memo, category and expiry freely, without touching the ledger", async () => {
    const { customer, credit } = await creditWithSpend("20.00", 0n);
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    const result = await caller.credits.update({
      idempotencyKey: newKey(),
      creditId: credit.creditId,
      memo: "Apology for the broken vase",
      categoryId: DEFAULT_CATEGORY_IDS.promotion,
      expiresAt,
    });
    expect(result).toMatchObject({ changedFields: ["memo", "categoryId", "expiresAt"], eventId: null, balanceMinor: 2000n });
    const row = await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } });
    expect(row).toMatchObject({ memo: "Apology for the broken vase", categoryId: DEFAULT_CATEGORY_IDS.promotion, expiresAt, amountMinor: 2000n });
    expect(await eventsOf(credit.creditId)).toHaveLength(1);
    expect(await t.db.auditLog.count({ where: { entityId: credit.creditId, action: "credit.update" } })).toBe(1);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("clears memo and expiry when sent null, and changes nothing for unchanged values", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { memo: "note", expiresAt: new Date(Date.now() + 86_400_000) });
    await caller.credits.update({ idempotencyKey: newKey(), creditId: credit.creditId, memo: null, expiresAt: null });
    expect(await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } })).toMatchObject({ memo: null, expiresAt: null });
    const noop = executed(await caller.credits.update({ idempotencyKey: newKey(), creditId: credit.creditId, memo: null, amount: "10.00", expectedAmount: "10.00", currency: "USD" }));
    expect(noop.changedFields).toEqual([]);
  });

  it("raises and lowers the amount with a reason, as an adjustment event", async () => {
    const { customer, credit } = await creditWithSpend("20.00", 500n);
    const up = await caller.credits.update({
      idempotencyKey: newKey(),
      creditId: credit.creditId,
      amount: "30.00",
      expectedAmount: "20.00",
      currency: "USD",
      reasonId: DEFAULT_REASON_IDS.orderProblem,
      note: "Second item also broken",
    });
    expect(up).toMatchObject({ changedFields: ["amount"], balanceMinor: 2500n });
    await caller.credits.update({ idempotencyKey: newKey(), creditId: credit.creditId, amount: "12", expectedAmount: "30.00", currency: "USD", reasonId: DEFAULT_REASON_IDS.enteredInError });

    const events = await eventsOf(credit.creditId);
    expect(events.map((e) => [e.type, e.amountMinor, e.balanceAfterMinor])).toEqual([
      ["ISSUED", 2000n, 2000n],
      ["USED", -500n, 1500n],
      ["ADJUSTED_UP", 1000n, 2500n],
      ["ADJUSTED_DOWN", -1800n, 700n],
    ]);
    expect(events[2]).toMatchObject({ reason: "Order problem", memo: "Second item also broken", reasonId: DEFAULT_REASON_IDS.orderProblem });
    expect(await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } })).toMatchObject({ amountMinor: 1200n, usedMinor: 500n });
    expect(await balanceOf(t.db, customer.id)).toBe(700n);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("refuses an amount below what has been used, and an amount change without a reason", async () => {
    const { credit } = await creditWithSpend("20.00", 1500n);
    expect(
      await refusal(caller.credits.update({ idempotencyKey: newKey(), creditId: credit.creditId, amount: "14.99", expectedAmount: "20.00", currency: "USD", reasonId: DEFAULT_REASON_IDS.other })),
    ).toEqual({ code: "BAD_REQUEST", message: "US$15.00 of this credit has been used; the amount cannot go below that" });
    expect(await refusal(caller.credits.update({ idempotencyKey: newKey(), creditId: credit.creditId, amount: "25", expectedAmount: "20.00", currency: "USD" }))).toEqual({
      code: "BAD_REQUEST",
      message: "Choose a reason for changing the amount",
    });
    expect(await fieldRefusal(caller.credits.update({ idempotencyKey: newKey(), creditId: credit.creditId, amount: "25" }))).toMatchObject({
      fieldMessage: "currency: Send the credit's currency with a new amount",
    });
    expect(
      await refusal(caller.credits.update({ idempotencyKey: newKey(), creditId: credit.creditId, amount: "25", expectedAmount: "20.00", currency: "EUR", reasonId: DEFAULT_REASON_IDS.other })),
    ).toMatchObject({ message: "This credit is in USD" });
    // Exactly the used amount is allowed: nothing left, nothing lost.
    await caller.credits.update({ idempotencyKey: newKey(), creditId: credit.creditId, amount: "15", expectedAmount: "20.00", currency: "USD", reasonId: DEFAULT_REASON_IDS.other });
    expect(await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } })).toMatchObject({ amountMinor: 1500n, usedMinor: 1500n });
  });

  it("refuses adding to an expired credit unless the expiry moves later in the same edit", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "10", expiresAt: new Date(Date.now() + 86_400_000) });
    await backdateExpiry(t.db, credit.creditId);
    await expireCredits(admin);
    const raise = { idempotencyKey: newKey(), creditId: credit.creditId, amount: "15", expectedAmount: "10.00", currency: "USD", reasonId: DEFAULT_REASON_IDS.other };
    expect(await refusal(caller.credits.update(raise))).toMatchObject({ message: "This credit has expired; move its expiry date later to add to it" });

    const later = new Date(Date.now() + 7 * 86_400_000);
    await caller.credits.update({ ...raise, idempotencyKey: newKey(), expiresAt: later });
    const row = await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } });
    // 10 expired for good; the 5 added is spendable until the new date.
    expect(row).toMatchObject({ amountMinor: 1500n, removedMinor: 1000n, expiresAt: later, expiryProcessedAt: null });
    expect(await balanceOf(t.db, customer.id)).toBe(500n);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("refuses a deactivated category", async () => {
    const { credit } = await creditWithSpend("5", 0n);
    const category = await t.db.creditCategory.create({ data: { name: `Retired ${newKey()}`, isActive: false } });
    expect(await refusal(caller.credits.update({ idempotencyKey: newKey(), creditId: credit.creditId, categoryId: category.id }))).toMatchObject({
      message: "Choose an active category",
    });
  });
});

describe("deleting a credit", () => {
  it("removes the unused balance for good, keeping the record and its history as deleted", async () => {
    const { customer, credit } = await creditWithSpend("20.00", 800n);
    await issueTestCredit(admin, customer.id, { amount: "5.00" });
    const result = await caller.credits.void({ idempotencyKey: newKey(), creditId: credit.creditId, reasonId: DEFAULT_REASON_IDS.duplicateCredit, note: "Issued twice" });
    expect(result).toMatchObject({ removedMinor: 1200n, balanceMinor: 500n });

    const row = await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } });
    expect(row).toMatchObject({ amountMinor: 2000n, usedMinor: 800n, removedMinor: 1200n, voidReason: "Duplicate credit", voidedById: admin.actor.id });
    expect(row.voidedAt).toBeInstanceOf(Date);
    const events = await eventsOf(credit.creditId);
    expect(events.at(-1)).toMatchObject({ type: "VOIDED", amountMinor: -1200n, reason: "Duplicate credit", memo: "Issued twice" });

    const detail = await caller.credits.get({ creditId: credit.creditId });
    expect(detail.credit.status).toBe("VOIDED");
    expect(detail.can).toEqual({ edit: false, void: false });
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("refuses a fully used credit, a second delete, edits after deletion, and a missing reason", async () => {
    const used = await creditWithSpend("10.00", 1000n);
    expect(await refusal(caller.credits.void({ idempotencyKey: newKey(), creditId: used.credit.creditId, reasonId: DEFAULT_REASON_IDS.other }))).toEqual({
      code: "CONFLICT",
      message: "This credit is fully used, so there is nothing left to delete",
    });

    const { credit } = await creditWithSpend("10.00", 0n);
    await caller.credits.void({ idempotencyKey: newKey(), creditId: credit.creditId, reasonId: DEFAULT_REASON_IDS.other });
    expect(await refusal(caller.credits.void({ idempotencyKey: newKey(), creditId: credit.creditId, reasonId: DEFAULT_REASON_IDS.other }))).toMatchObject({
      code: "CONFLICT",
      message: "This credit was already deleted",
    });
    expect(await refusal(caller.credits.update({ idempotencyKey: newKey(), creditId: credit.creditId, memo: "x" }))).toMatchObject({ code: "CONFLICT" });
    // @ts-expect-error the reason is required; proving the server refuses it too
    expect(await refusal(caller.credits.void({ idempotencyKey: newKey(), creditId: credit.creditId }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await refusal(caller.credits.void({ idempotencyKey: newKey(), creditId: newKey(), reasonId: DEFAULT_REASON_IDS.other }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("returns the first result when a delete is retried with its key", async () => {
    const { credit } = await creditWithSpend("10.00", 0n);
    const input = { idempotencyKey: newKey(), creditId: credit.creditId, reasonId: DEFAULT_REASON_IDS.other };
    const first = await caller.credits.void(input);
    expect(await caller.credits.void(input)).toEqual(first);
  });
});
