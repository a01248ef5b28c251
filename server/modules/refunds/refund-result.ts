import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { refundableOf } from "@/server/modules/payments/payments.service";
import type { CreateRefundResult } from "./refund-view";
import { refundView, selectRefundViewRows } from "./refunds.repo";

/** The refund as it is now, with its payment's totals: what refunds.create answers, first time or replay. */
export async function refundResultOf(db: DbTx, refundId: string): Promise<CreateRefundResult> {
  const [row] = await selectRefundViewRows(db, Prisma.sql`r.id = ${refundId}::uuid`);
  if (!row) throw new AppError("NOT_FOUND", "This refund does not exist");
  const totals = { amountMinor: row.payment_amount_minor, refundedMinor: row.payment_refunded_minor, pendingRefundMinor: row.payment_pending_refund_minor };
  return { refund: refundView(row), payment: { id: row.payment_id, ...totals, refundableMinor: refundableOf(totals) } };
}
