// The liability report as CSV: every figure the page shows, one per line, amounts as decimals.
import "server-only";
import { csvCell, csvText } from "@/server/lib/csv";
import { toDecimalString } from "@/server/lib/money";
import type { LiabilityReport } from "./liability-report";
import { ROLL_FORWARD_LINES } from "./reports.schema";

export const LIABILITY_CSV_HEADER = ["Section", "Currency", "Item", "Date or month", "Amount"];

export function liabilityCsv(report: LiabilityReport): { filename: string; csv: string; rowCount: number; isTruncated: boolean } {
  const lines: string[] = [];
  const line = (section: string, currency: string, item: string, when: string, amountMinor: bigint) =>
    lines.push([csvCell(section), csvCell(currency), csvCell(item, { isText: true }), csvCell(when), csvCell(toDecimalString(amountMinor, currency))].join(","));
  const period = `${report.period.from}..${report.period.to}`;
  for (const { currency, amountMinor } of report.outstanding) line("Outstanding", currency, "Outstanding balance", report.asOfDay, amountMinor);
  for (const rf of report.rollForward) {
    line("Roll-forward", rf.currency, "Opening", period, rf.openingMinor);
    for (const item of ROLL_FORWARD_LINES) line("Roll-forward", rf.currency, item.label, period, rf.lines[item.key]);
    line("Roll-forward", rf.currency, "Closing", period, rf.closingMinor);
  }
  for (const c of report.byCategory) line("By category", c.currency, c.categoryName, report.asOfDay, c.amountMinor);
  for (const point of report.trend) line("Month-end balance", point.currency, "Closing", point.month, point.closingMinor);
  for (const b of report.breakage) line("Breakage", b.currency, b.categoryName, b.month, b.amountMinor);
  return {
    filename: `store-credit-liability-${report.asOfDay}.csv`,
    csv: csvText([LIABILITY_CSV_HEADER.join(","), ...lines]),
    rowCount: lines.length,
    isTruncated: false,
  };
}
