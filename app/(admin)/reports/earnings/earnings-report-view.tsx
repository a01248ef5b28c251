"use client";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { ExportCsvButton } from "@/components/export-csv-button";
import { money } from "@/components/money";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { currencyExponent } from "@/server/lib/money";
import { BarFigure } from "../_components/bar-figure";
import { FigureTable } from "../_components/figure-table";
import { ReportControls } from "../_components/report-controls";
import { chartNumber, definedOnly, useReportParams } from "../_components/report-params";

/** Earnings "Send credits" recorded, per payment infrastructure and method; real revenue apart from the rest. */
export function EarningsReportView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const params = useReportParams();
  const { asOf: _asOf, ...values } = params.values;
  const input = definedOnly(values);
  const report = useQuery({ ...trpc.reports.earnings.queryOptions(input), placeholderData: keepPreviousData, enabled: !params.isRangeReversed });
  const data = report.data;
  return (
    <div aria-busy={report.isFetching} className="space-y-4">
      <ReportControls params={params} currencies={data?.currencies ?? []}>
        <ExportCsvButton noun="rows" disabled={params.isRangeReversed} fetchCsv={() => queryClient.fetchQuery({ ...trpc.reports.earningsCsv.queryOptions(input), staleTime: 0 })} />
      </ReportControls>
      {params.isRangeReversed ? (
        <EmptyState title="Check the dates">Choose a Period to date on or after the Period from date.</EmptyState>
      ) : report.isPending ? (
        <LoadingRows label="Loading the earnings report" />
      ) : report.isError ? (
        <ErrorState title="The earnings report could not be loaded">{report.error.message}</ErrorState>
      ) : (
        <>
          <FigureTable
            title={`Earnings ${data!.period.from} to ${data!.period.to}`}
            empty="No earnings in this period"
            chart={
              data!.currencies.length === 1 ? (
                <BarFigure
                  label="Earnings per day, revenue and not revenue"
                  xKey="day"
                  isStacked
                  bars={[
                    { key: "revenue", name: "Revenue" },
                    { key: "nonRevenue", name: "Not revenue" },
                  ]}
                  data={data!.byDay.map((d) => ({ day: d.day, revenue: chartNumber(d.revenueMinor, currencyExponent(d.currency)), nonRevenue: chartNumber(d.nonRevenueMinor, currencyExponent(d.currency)) }))}
                />
              ) : undefined
            }
            columns={[{ label: "Currency" }, { label: "Payments", isNumber: true }, { label: "Revenue", isNumber: true }, { label: "Not revenue", isNumber: true }]}
            rows={data!.totals.map((t) => ({
              key: t.currency,
              cells: [t.currency, t.count, money({ amountMinor: t.revenueMinor, currency: t.currency }), money({ amountMinor: t.nonRevenueMinor, currency: t.currency })],
            }))}
          />
          <FigureTable
            title="By infrastructure and method"
            empty="No earnings in this period"
            columns={[{ label: "Infrastructure" }, { label: "Method" }, { label: "Kind" }, { label: "Currency" }, { label: "Payments", isNumber: true }, { label: "Amount", isNumber: true }]}
            rows={data!.byMethod.map((r) => ({
              key: `${r.currency}-${r.infrastructureName}-${r.methodName}-${r.isRevenue}`,
              cells: [r.infrastructureName, r.methodName, r.isRevenue ? "Revenue" : "Not revenue", r.currency, r.count, money(r)],
            }))}
          />
        </>
      )}
    </div>
  );
}
