import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { balanceOf, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import { createTestPayment } from "@/tests/factories/payments";
import { paymentTotalsOf, refundTestPayment, sandboxPayoutsOf } from "@/tests/factories/refunds";
import type { ServiceContext } from "@/server/lib/service-context";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";
import { reconcilePendingRefunds } from "./reconcile-refunds";

let t: TestDb;
let admin: ServiceContext;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
});
afterAll(() => t.close());

async function cardPayment(opts: { amountMinor?: bigint; last4?: string; phone?: string | null } = {}) {
  const customer = await createCustomer(t.db, { phone: opts.phone === undefined ? "+1 555-010-0199" : opts.phone });
  const payment = await createTestPayment(t.db, {
    customerId: customer.id,
    amountMinor: opts.amountMinor ?? 10_000n,
    currency: "USD",
    methodKind: "CARD",
    cardBrand: "Visa",
    cardLast4: opts.last4 ?? "4242",
  });
  return { customer, payment };
}

const notificationsOf = (customerId: string) => t.db.notification.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } });
const auditActionsOf = async (refundId: string) =>
  (await t.db.auditLog.findMany({ where: { entityId: refundId }, orderBy: { createdAt: "asc" } })).map((row) => row.action);

describe("refunds to the original payment method", () => {
  it("pays back part of a card payment through the gateway and tells the customer by SMS", async () => {
    const { customer, payment } = await cardPayment();

    const result = await refundTestPayment(admin, payment.id, { amount: "25.00", note: "Called in" });

    expect(result.refund).toMatchObject({
      status: "SUCCEEDED",
      type: "ORIGINAL_METHOD",
      amountMinor: 2_500n,
      destination: "Visa •••• 4242",
      gatewayName: "Sandbox",
      note: "Called in",
      createdById: admin.actor.id,
    });
    expect(result.refund.gatewayRef).toMatch(/^sbx_re_/);
    expect(result.payment).toMatchObject({ refundedMinor: 2_500n, pendingRefundMinor: 0n, refundableMinor: 7_500n });
    const [message] = await notificationsOf(customer.id);
    expect(message).toMatchObject({ channel: "SMS", recipient: "+1 555-010-0199", kind: "refund.processed", status: "PENDING" });
    expect(message!.body).toBe("Your refund of US$25.00 to Visa •••• 4242 has been processed.");
    expect(result.refund.notificationId).toBe(message!.id);
    expect(await auditActionsOf(result.refund.id)).toEqual(["refund.create", "refund.succeed"]);
    expect(await sandboxPayoutsOf(t.db, payment.reference)).toEqual({ count: 1, totalMinor: 2_500n });
  });

  it("emails customers without a phone, and sends nothing when asked not to notify", async () => {
    const { customer, payment } = await cardPayment({ phone: null });
    await refundTestPayment(admin, payment.id, { amount: "1.00" });
    await refundTestPayment(admin, payment.id, { amount: "1.00", notifyCustomer: false });
    const messages = await notificationsOf(customer.id);
    expect(messages.map((m) => [m.channel, m.recipient])).toEqual([["EMAIL", customer.email]]);
  });

  it("refunds the rest later, and the payment is then fully refunded", async () => {
    const { payment } = await cardPayment({ amountMinor: 5_000n });
    await refundTestPayment(admin, payment.id, { amount: "20.00" });
    const rest = await refundTestPayment(admin, payment.id, { amount: "30.00" });
    expect(rest.payment).toMatchObject({ refundedMinor: 5_000n, refundableMinor: 0n });
  });

  it("records a declined refund as FAILED with the gateway's reason and changes no totals", async () => {
    const { customer, payment } = await cardPayment({ last4: "0002" });

    const result = await refundTestPayment(admin, payment.id, { amount: "25.00" });

    expect(result.refund.status).toBe("FAILED");
    expect(result.refund.failureReason).toMatch(/declined/i);
    expect(result.payment).toMatchObject({ refundedMinor: 0n, pendingRefundMinor: 0n, refundableMinor: 10_000n });
    expect(await notificationsOf(customer.id)).toEqual([]);
    expect(await sandboxPayoutsOf(t.db, payment.reference)).toEqual({ count: 0, totalMinor: 0n });
    expect(await auditActionsOf(result.refund.id)).toEqual(["refund.create", "refund.fail"]);
  });

  it("leaves a timed-out refund PENDING with its amount reserved, and reconcile settles it exactly once", async () => {
    const { customer, payment } = await cardPayment({ last4: "0069" });

    const result = await refundTestPayment(admin, payment.id, { amount: "25.00" });

    expect(result.refund.status).toBe("PENDING");
    expect(result.payment).toMatchObject({ refundedMinor: 0n, pendingRefundMinor: 2_500n, refundableMinor: 7_500n });
    // The sandbox paid; only the answer was lost.
    expect(await sandboxPayoutsOf(t.db, payment.reference)).toEqual({ count: 1, totalMinor: 2_500n });
    expect(await notificationsOf(customer.id)).toEqual([]);

    const first = await reconcilePendingRefunds(t.db, { minAgeMs: 0 });
    expect(first.succeeded).toBeGreaterThanOrEqual(1);
    await reconcilePendingRefunds(t.db, { minAgeMs: 0 });

    const refund = await t.db.refund.findUniqueOrThrow({ where: { id: result.refund.id } });
    expect(refund).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
    expect(await paymentTotalsOf(t.db, payment.id)).toEqual({ refundedMinor: 2_500n, pendingRefundMinor: 0n });
    expect(await sandboxPayoutsOf(t.db, payment.reference)).toEqual({ count: 1, totalMinor: 2_500n });
    expect((await notificationsOf(customer.id)).map((m) => m.body)).toEqual(["Your refund of US$25.00 to Visa •••• 0069 has been processed."]);
  });

  it("leaves young PENDING refunds to the request still waiting for them", async () => {
    const { payment } = await cardPayment({ last4: "0069" });
    const result = await refundTestPayment(admin, payment.id);
    await reconcilePendingRefunds(t.db, { minAgeMs: 60 * 60_000 });
    expect((await t.db.refund.findUniqueOrThrow({ where: { id: result.refund.id } })).status).toBe("PENDING");
    await reconcilePendingRefunds(t.db, { minAgeMs: 0 });
  });

  it("records bank transfer refunds as paid back by hand", async () => {
    const customer = await createCustomer(t.db);
    const payment = await createTestPayment(t.db, { customerId: customer.id, amountMinor: 4_000n, currency: "USD", methodKind: "BANK_TRANSFER" });
    const result = await refundTestPayment(admin, payment.id, { amount: "40" });
    expect(result.refund).toMatchObject({ status: "SUCCEEDED", gatewayName: "Manual", gatewayRef: null });
    expect(result.payment.refundableMinor).toBe(0n);
  });
});

describe("refunds to store credit", () => {
  it("writes the refund, the payment's total and a Refund credit with its ledger event together", async () => {
    const { customer, payment } = await cardPayment();

    const result = await refundTestPayment(admin, payment.id, { type: "STORE_CREDIT", amount: "25.00", reason: "PRODUCT_DEFECTIVE" });

    expect(result.refund).toMatchObject({ status: "SUCCEEDED", type: "STORE_CREDIT", destination: "Store credit" });
    expect(result.payment.refundedMinor).toBe(2_500n);
    const credit = await t.db.storeCredit.findUniqueOrThrow({ where: { id: result.refund.creditId! } });
    expect(credit).toMatchObject({ amountMinor: 2_500n, categoryId: DEFAULT_CATEGORY_IDS.refund, paymentId: payment.id, customerId: customer.id });
    const events = await t.db.creditEvent.findMany({ where: { creditId: credit.id } });
    expect(events.map((e) => [e.type, e.amountMinor, e.reason])).toEqual([["REFUNDED_TO_CREDIT", 2_500n, "Refund: Product defective"]]);
    expect(await balanceOf(t.db, customer.id)).toBe(2_500n);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
    expect((await notificationsOf(customer.id)).map((m) => m.body)).toEqual(["Your refund of US$25.00 has been added to your store credit."]);
    expect(await sandboxPayoutsOf(t.db, payment.reference)).toEqual({ count: 0, totalMinor: 0n });
  });

  it("only lets a payment made with store credit go back to store credit", async () => {
    const customer = await createCustomer(t.db);
    const payment = await createTestPayment(t.db, { customerId: customer.id, amountMinor: 1_000n, currency: "USD", methodKind: "STORE_CREDIT" });
    await expect(refundTestPayment(admin, payment.id, { type: "ORIGINAL_METHOD" })).rejects.toMatchObject({ code: "BAD_INPUT", field: "type" });
    const back = await refundTestPayment(admin, payment.id, { type: "STORE_CREDIT" });
    expect(back.refund.status).toBe("SUCCEEDED");
  });

  it("refunds in the payment's own currency precision (JPY has no decimals)", async () => {
    const customer = await createCustomer(t.db);
    const payment = await createTestPayment(t.db, { customerId: customer.id, amountMinor: 5_000n, currency: "JPY", methodKind: "CARD", cardBrand: "Visa", cardLast4: "4242" });
    const result = await refundTestPayment(admin, payment.id, { type: "STORE_CREDIT", amount: "1200", currency: "JPY" });
    expect(result.refund.amountMinor).toBe(1_200n);
    expect(await balanceOf(t.db, customer.id, "JPY")).toBe(1_200n);
  });
});

describe("idempotency", () => {
  it("answers a retry with the first result and refunds once", async () => {
    const { payment } = await cardPayment();
    const key = newKey();
    const first = await refundTestPayment(admin, payment.id, { amount: "25.00", idempotencyKey: key });
    const retry = await refundTestPayment(admin, payment.id, { amount: "25.00", idempotencyKey: key });
    expect(retry.refund.id).toBe(first.refund.id);
    expect(retry.payment.refundedMinor).toBe(2_500n);
    expect(await t.db.refund.count({ where: { paymentId: payment.id } })).toBe(1);
  });

  it("refuses the same key for a different refund", async () => {
    const { payment } = await cardPayment();
    const key = newKey();
    await refundTestPayment(admin, payment.id, { amount: "25.00", idempotencyKey: key });
    await expect(refundTestPayment(admin, payment.id, { amount: "26.00", idempotencyKey: key })).rejects.toMatchObject({ code: "IDEMPOTENCY_MISMATCH" });
  });
});

describe("the refund table keeps history", () => {
  it("refuses to change a settled refund or delete any refund", async () => {
    const { payment } = await cardPayment();
    const { refund } = await refundTestPayment(admin, payment.id);
    await expect(t.db.$executeRaw`UPDATE refund SET amount_minor = 1 WHERE id = ${refund.id}::uuid`).rejects.toThrow(/not allowed/);
    await expect(t.db.$executeRaw`DELETE FROM refund WHERE id = ${refund.id}::uuid`).rejects.toThrow(/not allowed/);
  });

  it("refuses refunded plus pending amounts above the payment in the database itself", async () => {
    const { payment } = await cardPayment({ amountMinor: 1_000n });
    await expect(t.db.$executeRaw`UPDATE payment SET refunded_minor = 600, pending_refund_minor = 500 WHERE id = ${payment.id}::uuid`).rejects.toThrow(
      /payment_amounts_check/,
    );
  });
});
