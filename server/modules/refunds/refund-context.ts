import type { PaymentMethodKind } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import type { NotificationRecipient } from "@/server/modules/notifications/notifications.repo";
import { paymentMethodLabel } from "@/server/modules/payments/payment-method-label";
import { lockPaymentForRefund } from "./refunds.repo";

export type LockedPayment = {
  id: string;
  reference: string;
  customerId: string;
  amountMinor: bigint;
  currency: string;
  refundedMinor: bigint;
  pendingRefundMinor: bigint;
  methodKind: PaymentMethodKind;
  /** "Visa •••• 4242" */
  methodLabel: string;
  recipient: NotificationRecipient;
};

/**
 * Locks the payment row: every refund of a payment, its settling and its totals go through this
 * lock, so concurrent refunds are checked against each other's reservations.
 */
export async function lockPaymentOrThrow(tx: DbTx, paymentId: string): Promise<LockedPayment> {
  const row = await lockPaymentForRefund(tx, paymentId);
  if (!row) throw new AppError("NOT_FOUND", "This payment does not exist", "paymentId");
  const { cardBrand, cardLast4, methodName, email, phone, ...payment } = row;
  return {
    ...payment,
    methodLabel: paymentMethodLabel({ methodKind: row.methodKind, cardBrand, cardLast4, methodName }),
    recipient: { customerId: row.customerId, email, phone },
  };
}
