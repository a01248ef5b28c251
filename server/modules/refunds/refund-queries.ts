import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import type { RefundView } from "./refund-view";
import { findRefundView } from "./refunds.repo";
import type { RefundCsvInput, RefundListInput } from "./refunds.schema";

export async function getRefund({ db }: ServiceContext, refundId: string): Promise<RefundView> {
  const refund = await findRefundView(db, refundId);
  if (!refund) throw new AppError("NOT_FOUND", "No refund with this id");
  return refund;
}

/** Refunds across customers, newest first, with the list page's filters. */
export async function listRefunds(_ctx: ServiceContext, _input: RefundListInput): Promise<{ items: RefundView[]; nextCursor: string | null }> {
  throw new AppError("INTERNAL", "Not built yet");
}

/** The filtered list as CSV (all pages, up to a cap). */
export async function getRefundsCsv(
  _ctx: ServiceContext,
  _input: RefundCsvInput,
): Promise<{ filename: string; csv: string; rowCount: number; isTruncated: boolean }> {
  throw new AppError("INTERNAL", "Not built yet");
}

/** Choices for the list's filters: the staff members who have created refunds. */
export async function getRefundFilterOptions(_ctx: ServiceContext): Promise<{ staff: { id: string; name: string }[] }> {
  throw new AppError("INTERNAL", "Not built yet");
}
