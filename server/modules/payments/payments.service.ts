import type { ServiceContext } from "@/server/lib/service-context";
import { cursorPage, timeIdCursor } from "@/server/lib/pager";
import type { PaymentMethodKind, RefundType } from "@/prisma/generated/enums";
import { paymentMethodLabel } from "./payment-method-label";
import { listPaymentRecords } from "./payments.repo";
import type { PaymentListInput, PaymentStatus } from "./payments.schema";


/** Derived, never stored: a refund only ever moves refunded_minor towards amount_minor. */
export function paymentStatusOf(p: { amountMinor: bigint; refundedMinor: bigint }): PaymentStatus {
  if (p.refundedMinor === 0n) return "PAID";
  return p.refundedMinor < p.amountMinor ? "PARTIALLY_REFUNDED" : "REFUNDED";
}

type PaymentTotals = { amountMinor: bigint; refundedMinor: bigint; pendingRefundMinor: bigint };

/** What may still be refunded: refunds in flight at the gateway are already spoken for. */
export const refundableOf = (p: PaymentTotals) => p.amountMinor - p.refundedMinor - p.pendingRefundMinor;

/** A payment made with store credit can only go back to store credit. */
export const refundTypesFor = (methodKind: PaymentMethodKind): RefundType[] =>
  methodKind === "STORE_CREDIT" ? ["STORE_CREDIT"] : ["ORIGINAL_METHOD", "STORE_CREDIT"];

/** A customer's payments, newest first. */
export async function listPayments({ db }: ServiceContext, input: PaymentListInput) {
  const { items, nextCursor } = await cursorPage({
    cursor: input.cursor,
    limit: input.limit,
    codec: timeIdCursor,
    fetch: (before, limit) => listPaymentRecords(db, { customerId: input.customerId, before, limit }),
    positionOf: (row) => ({ at: row.capturedAt, id: row.id }),
  });
  return {
    items: items.map((row) => ({
      ...row,
      refundableMinor: refundableOf(row),
      refundTypes: refundTypesFor(row.methodKind),
      methodLabel: paymentMethodLabel(row),
      status: paymentStatusOf(row),
    })),
    nextCursor,
  };
}
