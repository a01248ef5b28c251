// Money limits on Send credits, Edit (a raise), Set balance and refunds: above them each action
// becomes an approval request holding its input, and nothing moves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { balanceOf, executed, issueTestCredit, newKey, serviceContextAs } from "@/tests/factories/credits";
import { createTestPayment } from "@/tests/factories/payments";
import { callerFor } from "@/tests/factories/staff";
import { isApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { DEFAULT_INFRASTRUCTURE_IDS, DEFAULT_METHOD_IDS, DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";
import type { ServiceContext } from "@/server/lib/service-context";

let t: TestDb;
let admin: ServiceContext;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
});
afterAll(() => t.close());

async function supportCaller() {
  const support = await serviceContextAs(t.db, "SUPPORT_AGENT");
  return { support, caller: await callerFor(t.db, support.actor.id) };
}

const requestsOf = (customerId: string) =>
  t.db.approvalRequest.findMany({ where: { customerId }, select: { operation: true, status: true, amountMinor: true, limitReason: true } });

describe("limits beyond Add store credit", () => {
  it("turns a raise through Edit from US$2.00 to US$500.00 into a request for the US$498.00 difference", async () => {
    const { caller } = await supportCaller();
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "2.00" });
    const edit = { creditId: credit.creditId, amount: "500.00", expectedAmount: "2.00", currency: "USD", reasonId: DEFAULT_REASON_IDS.reconciliation };

    const result = await caller.credits.update({ idempotencyKey: newKey(), ...edit });

    expect(isApprovalPending(result)).toBe(true);
    expect(await requestsOf(customer.id)).toEqual([
      { operation: "credit.update", status: "PENDING", amountMinor: 49_800n, limitReason: "above your US$100.00 single-credit limit" },
    ]);
    expect(await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } })).toMatchObject({ amountMinor: 200n });
    // A raise within the limit, and any lowering, still run directly.
    expect(executed(await caller.credits.update({ idempotencyKey: newKey(), ...edit, amount: "50.00" })).changedFields).toEqual(["amount"]);
    expect(executed(await caller.credits.update({ idempotencyKey: newKey(), ...edit, amount: "1.00", expectedAmount: "50.00" })).balanceMinor).toBe(100n);
  });

  it("counts Send credits against the single-credit limit", async () => {
    const { caller } = await supportCaller();
    const customer = await createCustomer(t.db);
    const send = { customerId: customer.id, currency: "USD", infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.bankTransfer, methodId: DEFAULT_METHOD_IDS.sepaTransfer, earningAmount: "0", isRevenue: false };
    expect(isApprovalPending(await caller.credits.send({ idempotencyKey: newKey(), ...send, amount: "100.01" }))).toBe(true);
    expect(isApprovalPending(await caller.credits.send({ idempotencyKey: newKey(), ...send, amount: "100.00" }))).toBe(false);
    expect(await balanceOf(t.db, customer.id)).toBe(10_000n);
    expect(await t.db.payment.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it("limits a set-balance change in either direction for a role that may set balances", async () => {
    // Support agents may not set balances at all; a manager with a €50.00 change limit in EUR can.
    const manager = await serviceContextAs(t.db, "MANAGER");
    await t.db.$executeRaw`UPDATE money_limit SET max_set_balance_change_minor = 5000 WHERE role_key = 'MANAGER' AND currency = 'EUR'`;
    try {
      const caller = await callerFor(t.db, manager.actor.id);
      const customer = await createCustomer(t.db);
      await issueTestCredit(admin, customer.id, { amount: "100.00", currency: "EUR" });
      const set = { customerId: customer.id, currency: "EUR", reasonId: DEFAULT_REASON_IDS.reconciliation, expectedBalance: "100.00" };
      expect(isApprovalPending(await caller.credits.setBalance({ idempotencyKey: newKey(), ...set, balance: "40.00" }))).toBe(true);
      expect(isApprovalPending(await caller.credits.setBalance({ idempotencyKey: newKey(), ...set, balance: "160.00" }))).toBe(true);
      expect(executed(await caller.credits.setBalance({ idempotencyKey: newKey(), ...set, balance: "60.00" })).balanceMinor).toBe(6_000n);
      expect((await requestsOf(customer.id)).map((r) => r.amountMinor).sort()).toEqual([6_000n, 6_000n]);
    } finally {
      await t.db.$executeRaw`UPDATE money_limit SET max_set_balance_change_minor = NULL WHERE role_key = 'MANAGER' AND currency = 'EUR'`;
    }
  });

  it("turns a refund above US$250.00 into a request and reserves nothing on the payment", async () => {
    const { caller } = await supportCaller();
    const customer = await createCustomer(t.db);
    const payment = await createTestPayment(t.db, { customerId: customer.id, amountMinor: 100_000n, currency: "USD", methodKind: "CARD", cardBrand: "Visa", cardLast4: "4242" });
    const refund = { paymentId: payment.id, type: "ORIGINAL_METHOD", currency: "USD", reason: "REQUESTED_BY_CUSTOMER" } as const;

    const result = await caller.refunds.create({ idempotencyKey: newKey(), ...refund, amount: "300.00" });

    expect(isApprovalPending(result) && result.approvalRequest.limitReason).toBe("above your US$250.00 single-refund limit");
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ refundedMinor: 0n, pendingRefundMinor: 0n });
    expect(await t.db.refund.count({ where: { paymentId: payment.id } })).toBe(0);
    expect(isApprovalPending(await caller.refunds.create({ idempotencyKey: newKey(), ...refund, amount: "250.00" }))).toBe(false);
  });
});
