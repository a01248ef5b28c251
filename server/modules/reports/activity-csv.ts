// The refunds, earnings and staff activity reports as CSV: the tables the pages show, one line per row.
import "server-only";
import { csvCell, csvText } from "@/server/lib/csv";
import { toDecimalString } from "@/server/lib/money";
import { REFUND_REASON_LABELS, REFUND_TYPE_LABELS } from "@/server/modules/refunds/refunds.schema";
import type { EarningsReport, RefundsReport, StaffActivityReport } from "./activity-reports";

const file = (name: string, period: { from: string; to: string }, header: string[], lines: string[]) => ({
  filename: `${name}-${period.from}-to-${period.to}.csv`,
  csv: csvText([header.join(","), ...lines]),
  rowCount: lines.length,
  isTruncated: false,
});
const amount = (amountMinor: bigint, currency: string) => csvCell(toDecimalString(amountMinor, currency));

export function refundsCsv(report: RefundsReport) {
  const lines = [
    ...report.totals.map((t) => ["Total", t.currency, "All refunds", String(t.count), amount(t.amountMinor, t.currency)].join(",")),
    ...report.byReason.map((r) => ["Reason", r.currency, csvCell(REFUND_REASON_LABELS[r.reason]), String(r.count), amount(r.amountMinor, r.currency)].join(",")),
    ...report.byType.map((r) => ["Type", r.currency, csvCell(REFUND_TYPE_LABELS[r.type]), String(r.count), amount(r.amountMinor, r.currency)].join(",")),
    ...report.byStaff.map((r) => ["Staff member", r.currency, csvCell(r.staffName, { isText: true }), String(r.count), amount(r.amountMinor, r.currency)].join(",")),
    ...report.byDay.map((r) => ["Day", r.currency, r.day, String(r.count), amount(r.amountMinor, r.currency)].join(",")),
  ];
  return file("refunds-report", report.period, ["Section", "Currency", "Item", "Refunds", "Amount"], lines);
}

export function earningsCsv(report: EarningsReport) {
  const lines = report.byMethod.map((r) =>
    [r.currency, csvCell(r.infrastructureName, { isText: true }), csvCell(r.methodName, { isText: true }), r.isRevenue ? "Revenue" : "Not revenue", String(r.count), amount(r.amountMinor, r.currency)].join(","),
  );
  return file("send-credits-earnings", report.period, ["Currency", "Infrastructure", "Method", "Kind", "Payments", "Amount"], lines);
}

export function staffActivityCsv(report: StaffActivityReport) {
  const lines = report.staff.flatMap((s) => {
    const who = [csvCell(s.name, { isText: true }), csvCell(s.email, { isText: true })];
    return [
      ...s.credits.map((c) => [...who, "Credit events", c.type, c.currency, String(c.count), amount(c.amountMinor, c.currency)].join(",")),
      ...s.refunds.map((r) => [...who, "Refunds", "", r.currency, String(r.count), amount(r.amountMinor, r.currency)].join(",")),
      [...who, "Approvals requested", "", "", String(s.approvalsRequested), ""].join(","),
      [...who, "Approvals decided", "", "", String(s.approvalsDecided), ""].join(","),
    ];
  });
  return file("staff-activity", report.period, ["Staff member", "Email", "Activity", "Type", "Currency", "Count", "Amount"], lines);
}
