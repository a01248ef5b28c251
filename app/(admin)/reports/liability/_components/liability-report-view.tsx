"use client";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { ExportCsvButton } from "@/components/export-csv-button";
import { money } from "@/components/money";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { definedOnly, useReportParams } from "../../_components/report-params";
import { ReportControls } from "../../_components/report-controls";
import { AgingSection } from "./aging-section";
import { LiabilityBreakdowns } from "./liability-breakdowns";
import { LiabilityTrend } from "./liability-trend";
import { RollForwardTable } from "./roll-forward-table";

/** Outstanding store credit as of a day, the period's roll-forward, the 12-month trend, breakage and aging. */
export function LiabilityReportView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const params = useReportParams();
  const input = definedOnly(params.values);
  const report = useQuery({ ...trpc.reports.liability.queryOptions(input), placeholderData: keepPreviousData, enabled: !params.isRangeReversed });
  const data = report.data;

  return (
    <div aria-busy={report.isFetching} className="space-y-4">
      <ReportControls params={params} hasAsOf currencies={data?.availableCurrencies ?? []}>
        <ExportCsvButton
          noun="figures"
          disabled={params.isRangeReversed}
          fetchCsv={() => queryClient.fetchQuery({ ...trpc.reports.liabilityCsv.queryOptions(input), staleTime: 0 })}
        />
      </ReportControls>
      {params.isRangeReversed ? (
        <EmptyState title="Check the dates">Choose a Period to date on or after the Period from date.</EmptyState>
      ) : report.isPending ? (
        <LoadingRows label="Loading the liability report" />
      ) : report.isError ? (
        <ErrorState title="The liability report could not be loaded">{report.error.message}</ErrorState>
      ) : !data || data.currencies.length === 0 ? (
        <EmptyState title="No store credit yet">Outstanding credit appears here once credit is issued.</EmptyState>
      ) : (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Outstanding store credit as of {data.asOfDay}</CardTitle>
            </CardHeader>
            <dl aria-label="Outstanding store credit" className="flex flex-wrap gap-6 px-4 py-3">
              {data.outstanding.map((item) => (
                <div key={item.currency}>
                  <dt className="text-xs text-slate-500">Outstanding {item.currency}</dt>
                  <dd className="text-xl font-semibold text-slate-900 tabular-nums">{money(item)}</dd>
                </div>
              ))}
            </dl>
            <p className="px-4 pb-3 text-xs text-slate-500">
              The sum of the credit ledger before {data.asOf.toISOString().replace("T", " ").slice(0, 19)} UTC: what the store owes its customers in
              credit.
            </p>
          </Card>
          <RollForwardTable report={data} />
          <LiabilityTrend report={data} />
          <LiabilityBreakdowns report={data} />
          <AgingSection asOf={params.values.asOf} currency={params.values.currency} />
        </>
      )}
    </div>
  );
}
