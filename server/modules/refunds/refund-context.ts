import type { PaymentMethodKind } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import type { NotificationRecipient } from "@/server/modules/notifications/notifications.repo";
import { paymentMethodLabel } from "@/server/modules/payments/payment-method-label";

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

type Row = {
  id: string;
  reference: string;
  customer_id: string;
  amount_minor: bigint;
  currency: string;
  refunded_minor: bigint;
  pending_refund_minor: bigint;
  method_kind: PaymentMethodKind;
  card_brand: string | null;
  card_last4: string | null;
  method_name: string | null;
  email: string;
  phone: string | null;
};

/**
 * Locks the payment row: every refund of a payment, its settling and its totals go through this
 * lock, so concurrent refunds are checked against each other's reservations.
 */
export async function lockPaymentOrThrow(tx: DbTx, paymentId: string): Promise<LockedPayment> {
  const [row] = await tx.$queryRaw<Row[]>`
    SELECT p.id, p.reference, p.customer_id, p.amount_minor, p.currency, p.refunded_minor, p.pending_refund_minor,
           p.method_kind, p.card_brand, p.card_last4, m.name AS method_name, c.email, c.phone
    FROM payment p
    JOIN customer c ON c.id = p.customer_id
    LEFT JOIN payment_method m ON m.id = p.method_id
    WHERE p.id = ${paymentId}::uuid
    FOR UPDATE OF p`;
  if (!row) throw new AppError("NOT_FOUND", "This payment does not exist", "paymentId");
  return {
    id: row.id,
    reference: row.reference,
    customerId: row.customer_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    refundedMinor: row.refunded_minor,
    pendingRefundMinor: row.pending_refund_minor,
    methodKind: row.method_kind,
    methodLabel: paymentMethodLabel({ methodKind: row.method_kind, cardBrand: row.card_brand, cardLast4: row.card_last4, methodName: row.method_name }),
    recipient: { customerId: row.customer_id, email: row.email, phone: row.phone },
  };
}
