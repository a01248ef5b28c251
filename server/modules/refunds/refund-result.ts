import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { refundableOf } from "@/server/modules/payments/payments.service";
import type { CreateRefundResult } from "./refund-view";
import { findRefundRecord, refundView } from "./refunds.repo";

/** The refund as it is now, with its payment's totals: what refunds.create answers, first time or replay. */
export async function refundResultOf(db: DbTx, refundId: string): Promise<CreateRefundResult> {
  const row = await findRefundRecord(db, refundId);
  if (!row) throw new AppError("NOT_FOUND", "This refund does not exist");
  const totals = { amountMinor: row.paymentAmountMinor, refundedMinor: row.paymentRefundedMinor, pendingRefundMinor: row.paymentPendingRefundMinor };
  return { refund: refundView(row), payment: { id: row.paymentId, ...totals, refundableMinor: refundableOf(totals) } };
}
