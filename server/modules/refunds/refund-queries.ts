// Reads: one refund, the refunds list across customers with its filters, and its CSV export.
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import type { TimeIdPosition } from "@/server/lib/cursor";
import { createdAtPosition, cursorPage, timeIdCursor } from "@/server/lib/pager";
import { collectCsvPages, csvCell } from "@/server/lib/csv";
import { toDecimalString } from "@/server/lib/money";
import type { RefundView } from "./refund-view";
import { findRefundView, listRefundCreators, listRefundRecords, refundView, type RefundFilters } from "./refunds.repo";
import { REFUND_REASON_LABELS, REFUND_STATUS_LABELS, REFUND_TYPE_LABELS, type RefundCsvInput, type RefundListInput } from "./refunds.schema";


export async function getRefund({ db }: ServiceContext, refundId: string): Promise<RefundView> {
  const refund = await findRefundView(db, refundId);
  if (!refund) throw new AppError("NOT_FOUND", "This refund does not exist");
  return refund;
}

function filtersOf(input: RefundCsvInput): RefundFilters {
  const { customerId, paymentId, statuses, reasons, types, staffId, from, to, search } = input;
  return { customerId, paymentId, statuses, reasons, types, staffId, from, to, search };
}

/** Refunds across customers, newest first, with the list page's filters. */
export async function listRefunds({ db }: ServiceContext, input: RefundListInput): Promise<{ items: RefundView[]; nextCursor: string | null }> {
  const filters = filtersOf(input);
  const { items, nextCursor } = await cursorPage({
    cursor: input.cursor,
    limit: input.limit,
    codec: timeIdCursor,
    fetch: (before, limit) => listRefundRecords(db, { filters, before, limit }),
    positionOf: createdAtPosition,
  });
  return { items: items.map(refundView), nextCursor };
}

const CSV_HEADER = [
  "Created at (UTC)",
  "Reference",
  "Customer",
  "Payment reference",
  "Type",
  "Destination",
  "Amount",
  "Currency",
  "Status",
  "Reason",
  "Explanation",
  "Note",
  "Staff member",
  "Gateway",
  "Gateway reference",
  "Failure reason",
  "Settled at (UTC)",
];

function csvLine(refund: RefundView): string {
  return [
    csvCell(refund.createdAt.toISOString()),
    csvCell(refund.reference),
    csvCell(refund.customerName, { isText: true }),
    csvCell(refund.paymentReference),
    csvCell(REFUND_TYPE_LABELS[refund.type]),
    csvCell(refund.destination, { isText: true }),
    csvCell(toDecimalString(refund.amountMinor, refund.currency)),
    csvCell(refund.currency),
    csvCell(REFUND_STATUS_LABELS[refund.status]),
    csvCell(REFUND_REASON_LABELS[refund.reason]),
    csvCell(refund.explanation ?? "", { isText: true }),
    csvCell(refund.note ?? "", { isText: true }),
    csvCell(refund.createdByName ?? "", { isText: true }),
    csvCell(refund.gatewayName ?? "", { isText: true }),
    csvCell(refund.gatewayRef ?? "", { isText: true }),
    csvCell(refund.failureReason ?? "", { isText: true }),
    csvCell(refund.settledAt?.toISOString() ?? ""),
  ].join(",");
}

/** The filtered list as CSV (all pages, up to a cap). */
export async function getRefundsCsv(
  { db }: ServiceContext,
  input: RefundCsvInput,
): Promise<{ filename: string; csv: string; rowCount: number; isTruncated: boolean }> {
  const filters = filtersOf(input);
  const { csv, rowCount, isTruncated } = await collectCsvPages({
    header: CSV_HEADER,
    page: (before: TimeIdPosition | null, limit) => listRefundRecords(db, { filters, before, limit }),
    positionOf: createdAtPosition,
    line: (row) => csvLine(refundView(row)),
  });
  const day = new Date().toISOString().slice(0, 10);
  return { filename: `refunds-${day}.csv`, csv, rowCount, isTruncated };
}

/** Choices for the list's filters: the staff members who have created refunds. */
export async function getRefundFilterOptions({ db }: ServiceContext): Promise<{ staff: { id: string; name: string }[] }> {
  return { staff: await listRefundCreators(db) };
}
