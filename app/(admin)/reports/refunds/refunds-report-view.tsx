"use client";
import Link from "next/link";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { useDates } from "@/components/format";
import { ExportCsvButton } from "@/components/export-csv-button";
import { money } from "@/components/money";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { currencyExponent } from "@/server/lib/money";
import { REFUND_REASON_LABELS, REFUND_TYPE_LABELS } from "@/server/modules/refunds/refunds.schema";
import { BarFigure } from "../_components/bar-figure";
import { FigureTable } from "../_components/figure-table";
import { ReportControls } from "../_components/report-controls";
import { chartNumber, definedOnly, useReportParams } from "../_components/report-params";

const percent = (rate: number | null) => (rate === null ? "–" : `${(rate * 100).toFixed(1)}%`);
const hours = (h: number | null) => (h === null ? "–" : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`);

export function RefundsReportView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { formatDateTime } = useDates();
  const params = useReportParams();
  const { asOf: _asOf, ...values } = params.values;
  const input = definedOnly(values);
  const report = useQuery({ ...trpc.reports.refunds.queryOptions(input), placeholderData: keepPreviousData, enabled: !params.isRangeReversed });
  const data = report.data;
  return (
    <div aria-busy={report.isFetching} className="space-y-4">
      <ReportControls params={params} currencies={data?.currencies ?? []}>
        <ExportCsvButton noun="figures" disabled={params.isRangeReversed} fetchCsv={() => queryClient.fetchQuery({ ...trpc.reports.refundsCsv.queryOptions(input), staleTime: 0 })} />
      </ReportControls>
      {params.isRangeReversed ? (
        <EmptyState title="Check the dates">Choose a Period to date on or after the Period from date.</EmptyState>
      ) : report.isPending ? (
        <LoadingRows label="Loading the refunds report" />
      ) : report.isError ? (
        <ErrorState title="The refunds report could not be loaded">{report.error.message}</ErrorState>
      ) : (
        <>
          <FigureTable
            title={`Refunds ${data!.period.from} to ${data!.period.to}`}
            empty="No refunds in this period"
            columns={[{ label: "Currency" }, { label: "Refunds", isNumber: true }, { label: "Amount", isNumber: true }, { label: "Succeeded", isNumber: true }, { label: "Declined", isNumber: true }, { label: "Pending", isNumber: true }, { label: "Decline rate", isNumber: true }, { label: "Average time from payment", isNumber: true }]}
            rows={data!.totals.map((t) => ({ key: t.currency, cells: [t.currency, t.count, money(t), t.succeeded, t.declined, t.pending, percent(t.declineRate), hours(t.averageHoursToRefund)] }))}
          />
          <FigureTable
            title="Refunds per day"
            empty="No refunds in this period"
            chart={
              data!.currencies.length === 1 ? (
                <BarFigure label="Refunded amount per day" xKey="day" bars={[{ key: "amount", name: `Refunded (${data!.currencies[0]})` }]} data={data!.byDay.map((d) => ({ day: d.day, amount: chartNumber(d.amountMinor, currencyExponent(d.currency)) }))} />
              ) : undefined
            }
            columns={[{ label: "Day" }, { label: "Currency" }, { label: "Refunds", isNumber: true }, { label: "Amount", isNumber: true }]}
            rows={data!.byDay.map((d) => ({ key: `${d.day}-${d.currency}`, cells: [d.day, d.currency, d.count, money(d)] }))}
          />
          <div className="grid gap-4 lg:grid-cols-2">
            <FigureTable
              title="By reason"
              empty="No refunds in this period"
              columns={[{ label: "Reason" }, { label: "Currency" }, { label: "Refunds", isNumber: true }, { label: "Amount", isNumber: true }]}
              rows={data!.byReason.map((r) => ({ key: `${r.reason}-${r.currency}`, cells: [REFUND_REASON_LABELS[r.reason], r.currency, r.count, money(r)] }))}
            />
            <FigureTable
              title="By type"
              empty="No refunds in this period"
              columns={[{ label: "Type" }, { label: "Currency" }, { label: "Refunds", isNumber: true }, { label: "Amount", isNumber: true }]}
              rows={data!.byType.map((r) => ({ key: `${r.type}-${r.currency}`, cells: [REFUND_TYPE_LABELS[r.type], r.currency, r.count, money(r)] }))}
            />
          </div>
          <FigureTable
            title="By staff member"
            empty="No refunds in this period"
            columns={[{ label: "Staff member" }, { label: "Currency" }, { label: "Refunds", isNumber: true }, { label: "Amount", isNumber: true }]}
            rows={data!.byStaff.map((r) => ({ key: `${r.staffId}-${r.currency}`, cells: [r.staffName, r.currency, r.count, money(r)] }))}
          />
          <FigureTable
            title="Pending for more than a day"
            empty="No refund has been pending for more than a day"
            columns={[{ label: "Refund" }, { label: "Customer" }, { label: "Made" }, { label: "Amount", isNumber: true }]}
            rows={data!.oldPending.map((r) => ({
              key: r.id,
              cells: [
                <Link key="ref" className="text-blue-700 underline" href={`/refunds?q=${encodeURIComponent(r.reference)}`}>
                  {r.reference}
                </Link>,
                r.customerName,
                formatDateTime(r.createdAt),
                money(r),
              ],
            }))}
          />
        </>
      )}
    </div>
  );
}
