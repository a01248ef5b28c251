import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { refundableOf } from "@/server/modules/payments/payments.service";
import type { CreateRefundResult } from "./refund-view";
import { findRefundView } from "./refunds.repo";

/** The refund as it is now, with its payment's totals: what refunds.create answers, first time or replay. */
export async function refundResultOf(db: DbTx, refundId: string): Promise<CreateRefundResult> {
  const refund = await findRefundView(db, refundId);
  if (!refund) throw new AppError("NOT_FOUND", "No refund with this id");
  const [payment] = await db.$queryRaw<{ amount_minor: bigint; refunded_minor: bigint; pending_refund_minor: bigint }[]>`
    SELECT amount_minor, refunded_minor, pending_refund_minor FROM payment WHERE id = ${refund.paymentId}::uuid`;
  const totals = { amountMinor: payment!.amount_minor, refundedMinor: payment!.refunded_minor, pendingRefundMinor: payment!.pending_refund_minor };
  return { refund, payment: { id: refund.paymentId, ...totals, refundableMinor: refundableOf(totals) } };
}
