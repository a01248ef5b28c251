import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { balanceOf, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import { createTestPayment } from "@/tests/factories/payments";
import type { ServiceContext } from "@/server/lib/service-context";
import { createRefund, recordRefundFast } from "./create-refund";
import { ZCreateRefundInput } from "./refunds.schema";

// A refund to store credit by an actor without limits runs the same core on one pg connection; it
// must write what the general path writes and hand refusals over to it.
let t: TestDb;
let admin: ServiceContext;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
});
afterAll(() => t.close());

const refundInput = (paymentId: string, amount: string) =>
  ZCreateRefundInput.parse({ idempotencyKey: newKey(), paymentId, type: "STORE_CREDIT", amount, currency: "USD", reason: "PRODUCT_DEFECTIVE", notifyCustomer: true });

describe.skipIf(inject("testDatabase").kind === "pglite")("refund to store credit, fast path", () => {
  it("records the refund, its credit, the payment's total, the audit row and the message; the answer replays", async () => {
    const customer = await createCustomer(t.db, { phone: "+1 555 010 2030" });
    const payment = await createTestPayment(t.db, { customerId: customer.id, amountMinor: 5_000n, currency: "USD", methodKind: "CARD", cardBrand: "Visa", cardLast4: "4242" });
    const input = refundInput(payment.id, "12.50");

    const recorded = await recordRefundFast(t.db, admin.actor, input);
    expect(recorded).toMatchObject({ needsGateway: false });
    const refund = await t.db.refund.findUniqueOrThrow({ where: { id: recorded!.refundId } });
    expect(refund).toMatchObject({ status: "SUCCEEDED", type: "STORE_CREDIT", amountMinor: 1250n, createdById: admin.actor.id });
    const credit = await t.db.storeCredit.findUniqueOrThrow({ where: { id: refund.creditId! } });
    expect(credit).toMatchObject({ amountMinor: 1250n, paymentId: payment.id });
    expect(await t.db.creditEvent.findMany({ where: { creditId: credit.id } })).toMatchObject([{ type: "REFUNDED_TO_CREDIT", amountMinor: 1250n, balanceAfterMinor: 1250n }]);
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ refundedMinor: 1250n, pendingRefundMinor: 0n });
    expect(await t.db.auditLog.count({ where: { entityId: refund.id, action: "refund.create" } })).toBe(1);
    expect(await t.db.notification.findUniqueOrThrow({ where: { id: refund.notificationId! } })).toMatchObject({ kind: "refund.processed", channel: "SMS" });

    const replay = await createRefund(admin, input);
    expect(replay).toMatchObject({ refund: { id: refund.id } });
    expect(await t.db.refund.count({ where: { paymentId: payment.id } })).toBe(1);
    expect(await balanceOf(t.db, customer.id)).toBe(1250n);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("hands a refusal over to the general path, writing nothing itself", async () => {
    const customer = await createCustomer(t.db);
    const payment = await createTestPayment(t.db, { customerId: customer.id, amountMinor: 1_000n, currency: "USD", methodKind: "CARD", cardBrand: "Visa", cardLast4: "4242" });
    const tooMuch = refundInput(payment.id, "10.01");
    expect(await recordRefundFast(t.db, admin.actor, tooMuch)).toBeNull();
    expect(await t.db.idempotencyKey.count({ where: { key: tooMuch.idempotencyKey } })).toBe(0);
    await expect(createRefund(admin, tooMuch)).rejects.toMatchObject({ code: "BAD_INPUT" });
    // The refusal is now the key's answer.
    expect(await t.db.idempotencyKey.count({ where: { key: tooMuch.idempotencyKey } })).toBe(1);
    expect(await t.db.refund.count({ where: { paymentId: payment.id } })).toBe(0);
  });
});
