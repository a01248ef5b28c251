"use client";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { ExportCsvButton } from "@/components/export-csv-button";
import { money } from "@/components/money";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { FigureTable } from "../_components/figure-table";
import { ReportControls } from "../_components/report-controls";
import { definedOnly, useReportParams } from "../_components/report-params";

const TYPE_LABELS: Record<string, string> = {
  ISSUED: "Issued",
  ADJUSTED_UP: "Adjusted up",
  ADJUSTED_DOWN: "Adjusted down",
  VOIDED: "Voided",
  EXPIRED: "Expired",
  USED: "Used",
  USE_REVERSED: "Spend reversed",
  REFUNDED_TO_CREDIT: "Refunded to credit",
};

/** Credits and refunds per staff member, approvals requested and decided. */
export function StaffActivityView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const params = useReportParams();
  const { asOf: _asOf, ...values } = params.values;
  const input = definedOnly(values);
  const report = useQuery({ ...trpc.reports.staffActivity.queryOptions(input), placeholderData: keepPreviousData, enabled: !params.isRangeReversed });
  const data = report.data;
  const currencies = [...new Set(data?.staff.flatMap((s) => [...s.credits, ...s.refunds].map((x) => x.currency)) ?? [])].sort();
  return (
    <div aria-busy={report.isFetching} className="space-y-4">
      <ReportControls params={params} currencies={currencies}>
        <ExportCsvButton noun="rows" disabled={params.isRangeReversed} fetchCsv={() => queryClient.fetchQuery({ ...trpc.reports.staffActivityCsv.queryOptions(input), staleTime: 0 })} />
      </ReportControls>
      {params.isRangeReversed ? (
        <EmptyState title="Check the dates">Choose a Period to date on or after the Period from date.</EmptyState>
      ) : report.isPending ? (
        <LoadingRows label="Loading staff activity" />
      ) : report.isError ? (
        <ErrorState title="Staff activity could not be loaded">{report.error.message}</ErrorState>
      ) : (
        <>
          <FigureTable
            title={`Staff activity ${data!.period.from} to ${data!.period.to}`}
            empty="No staff activity in this period"
            columns={[{ label: "Staff member" }, { label: "Credit actions", isNumber: true }, { label: "Refunds", isNumber: true }, { label: "Approvals requested", isNumber: true }, { label: "Approvals decided", isNumber: true }, { label: "Approved", isNumber: true }, { label: "Rejected", isNumber: true }]}
            rows={data!.staff.map((s) => ({
              key: s.staffId,
              cells: [s.name, s.credits.reduce((n, c) => n + c.count, 0), s.refunds.reduce((n, r) => n + r.count, 0), s.approvalsRequested, s.approvalsDecided, s.approved, s.rejected],
            }))}
          />
          <FigureTable
            title="Credit actions by staff member"
            empty="No credit actions in this period"
            columns={[{ label: "Staff member" }, { label: "Action" }, { label: "Currency" }, { label: "Count", isNumber: true }, { label: "Amount", isNumber: true }]}
            rows={data!.staff.flatMap((s) => s.credits.map((c) => ({ key: `${s.staffId}-${c.type}-${c.currency}`, cells: [s.name, TYPE_LABELS[c.type] ?? c.type, c.currency, c.count, money(c)] })))}
          />
          <FigureTable
            title="Refunds by staff member"
            empty="No refunds in this period"
            columns={[{ label: "Staff member" }, { label: "Currency" }, { label: "Refunds", isNumber: true }, { label: "Declined", isNumber: true }, { label: "Amount", isNumber: true }]}
            rows={data!.staff.flatMap((s) => s.refunds.map((r) => ({ key: `${s.staffId}-${r.currency}`, cells: [s.name, r.currency, r.count, r.declined, money(r)] })))}
          />
        </>
      )}
    </div>
  );
}
