import type { RefundReason, RefundStatus, RefundType } from "@/prisma/generated/enums";

/** A refund as every procedure returns it. */
export type RefundView = {
  id: string;
  reference: string;
  paymentId: string;
  paymentReference: string;
  customerId: string;
  customerName: string;
  amountMinor: bigint;
  currency: string;
  type: RefundType;
  status: RefundStatus;
  reason: RefundReason;
  explanation: string | null;
  note: string | null;
  notifyCustomer: boolean;
  /** Where the money went: "Visa •••• 4242", "PayPal", "Store credit". */
  destination: string;
  gatewayName: string | null;
  gatewayRef: string | null;
  /** Why the gateway declined (FAILED only). */
  failureReason: string | null;
  /** The store credit a STORE_CREDIT refund created. */
  creditId: string | null;
  notificationId: string | null;
  createdById: string | null;
  createdByName: string | null;
  createdAt: Date;
  settledAt: Date | null;
};

/** What refunds.create returns: the refund and the payment's totals right after it. */
export type CreateRefundResult = {
  refund: RefundView;
  payment: { id: string; amountMinor: bigint; refundedMinor: bigint; pendingRefundMinor: bigint; refundableMinor: bigint };
};
