import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { ServiceContext } from "@/server/lib/service-context";
import { createRefund } from "@/server/modules/refunds/create-refund";
import { executed } from "./credits";
import { ZCreateRefundInput } from "@/server/modules/refunds/refunds.schema";

export type RefundOverrides = Partial<{
  type: "ORIGINAL_METHOD" | "STORE_CREDIT";
  amount: string;
  currency: string;
  reason: "REQUESTED_BY_CUSTOMER" | "DUPLICATE" | "FRAUDULENT" | "PRODUCT_NOT_RECEIVED" | "PRODUCT_DEFECTIVE" | "OTHER";
  explanation: string | null;
  note: string | null;
  notifyCustomer: boolean;
  idempotencyKey: string;
}>;

/**
 * Refunds through the real service (defaults: $10.00 to the original method, requested by the
 * customer); throws if the amount was sent for approval instead.
 */
export async function refundTestPayment(ctx: ServiceContext, paymentId: string, overrides: RefundOverrides = {}) {
  const result = await createRefund(
    ctx,
    ZCreateRefundInput.parse({
      idempotencyKey: randomUUID(),
      paymentId,
      type: "ORIGINAL_METHOD",
      amount: "10.00",
      currency: "USD",
      reason: "REQUESTED_BY_CUSTOMER",
      ...overrides,
    }),
  );
  return executed(result);
}

export async function paymentTotalsOf(db: Db, paymentId: string) {
  const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
  return { refundedMinor: payment.refundedMinor, pendingRefundMinor: payment.pendingRefundMinor };
}

/** What the sandbox gateway has paid out for a payment: its own books. */
export async function sandboxPayoutsOf(db: Db, paymentReference: string) {
  const rows = await db.sandboxGatewayRefund.findMany({ where: { paymentRef: paymentReference } });
  return { count: rows.length, totalMinor: rows.reduce((sum, row) => sum + row.amountMinor, 0n) };
}
