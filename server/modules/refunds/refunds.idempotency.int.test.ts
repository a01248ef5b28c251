// A refund's key answers with its first answer, refusal included, and is one staff member's: the
// same key from someone else is their own refund, with a gateway key of its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { fieldRefusal } from "@/tests/helpers/trpc-errors";
import { createCustomer } from "@/tests/factories/customers";
import { balanceOf, executed, issueTestCredit, newKey, serviceContextAs } from "@/tests/factories/credits";
import { createTestPayment } from "@/tests/factories/payments";
import { paymentTotalsOf, sandboxPayoutsOf } from "@/tests/factories/refunds";
import { callerFor } from "@/tests/factories/staff";
import { formatMoney, maxMinorUnits, toDecimalString } from "@/server/lib/money";
import type { ServiceContext } from "@/server/lib/service-context";
import { spendCredit } from "@/server/modules/credits/spend-credit";

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

async function cardPayment(last4: string) {
  const customer = await createCustomer(t.db);
  return createTestPayment(t.db, { customerId: customer.id, amountMinor: 10_000n, currency: "USD", methodKind: "CARD", cardBrand: "Visa", cardLast4: last4 });
}

const refundOf = (paymentId: string, amount: string) => ({
  idempotencyKey: newKey(),
  paymentId,
  type: "ORIGINAL_METHOD" as const,
  amount,
  currency: "USD",
  reason: "REQUESTED_BY_CUSTOMER" as const,
});

describe("a refused refund stays refused under its key", () => {
  it("answers a retried refund above the remainder with its first refusal, not one worked out again", async () => {
    const payment = await cardPayment("4242");
    await admin.refunds.create(refundOf(payment.id, "30.00"));
    const tooMuch = refundOf(payment.id, "80.00");
    const refused = { code: "BAD_REQUEST", fieldMessage: "amount: At most US$70.00 can be refunded" };

    expect(await fieldRefusal(agent.refunds.create(tooMuch))).toEqual(refused);
    await admin.refunds.create(refundOf(payment.id, "20.00"));
    // Worked out again it would say US$50.00; the key answers what it answered.
    expect(await fieldRefusal(agent.refunds.create(tooMuch))).toEqual(refused);
    expect(await t.db.refund.count({ where: { paymentId: payment.id } })).toBe(2);
  });

  it("keeps a refund to store credit refused for the balance limit after the customer spends", async () => {
    const payment = await cardPayment("4242");
    const max = maxMinorUnits("USD");
    await issueTestCredit(adminCtx, payment.customerId, { amount: toDecimalString(max, "USD") });
    const toCredit = { ...refundOf(payment.id, "50.00"), type: "STORE_CREDIT" as const };
    const refused = { code: "BAD_REQUEST", fieldMessage: `amount: This would take the balance above ${formatMoney(max, "USD")}` };

    expect(await fieldRefusal(agent.refunds.create(toCredit))).toEqual(refused);
    await spendCredit({ db: t.db, actor: null }, { idempotencyKey: newKey(), customerId: payment.customerId, currency: "USD", amountMinor: 10_000n });
    expect(await fieldRefusal(agent.refunds.create(toCredit))).toEqual(refused);

    expect(await t.db.refund.count({ where: { paymentId: payment.id } })).toBe(0);
    expect(await paymentTotalsOf(t.db, payment.id)).toEqual({ refundedMinor: 0n, pendingRefundMinor: 0n });
    expect(await balanceOf(t.db, payment.customerId)).toBe(max - 10_000n);
  });
});

describe("a refund key is one staff member's", () => {
  it("refunds again when another staff member sends the same key and payload, with a gateway key of its own", async () => {
    const payment = await cardPayment("4242");
    const request = refundOf(payment.id, "25.00");

    const admins = executed(await admin.refunds.create(request));
    const agents = executed(await agent.refunds.create(request));

    expect(agents.refund.id).not.toBe(admins.refund.id);
    expect([admins.refund.status, agents.refund.status]).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(agents.payment.refundedMinor).toBe(5_000n);
    expect(await sandboxPayoutsOf(t.db, payment.reference)).toEqual({ count: 2, totalMinor: 5_000n });
    const rows = await t.db.refund.findMany({ where: { paymentId: payment.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.gatewayKey)).toEqual(rows.map((r) => r.id));
    // Each one's retry is answered with their own refund, and refunds nothing more.
    expect(executed(await admin.refunds.create(request)).refund.id).toBe(admins.refund.id);
    expect(executed(await agent.refunds.create(request)).refund.id).toBe(agents.refund.id);
    expect(await paymentTotalsOf(t.db, payment.id)).toEqual({ refundedMinor: 5_000n, pendingRefundMinor: 0n });
  });
});
