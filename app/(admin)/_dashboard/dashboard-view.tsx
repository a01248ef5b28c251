"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/providers/trpc";
import { useCan } from "@/components/providers/actor-context";
import { useDates } from "@/components/format";
import { money } from "@/components/money";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { currencyExponent } from "@/server/lib/money";
import type { AppRouter } from "@/server/trpc/root";
import { chartNumber } from "../reports/_components/report-params";
import { Sparkline } from "./sparkline";

type CurrencyFigures = inferRouterOutputs<AppRouter>["reports"]["dashboard"]["currencies"][number];
const LINES = [
  { key: "issued", label: "Issued" },
  { key: "used", label: "Used" },
  { key: "expired", label: "Expired" },
  { key: "voided", label: "Voided" },
] as const;

function Figure({ label, value, detail, trend }: { label: string; value: string; detail?: string; trend?: { label: string; values: number[]; colorIndex: number } }) {
  return (
    <div className="flex items-end justify-between gap-2 rounded-md border border-slate-200 p-3">
      <dl>
        <dt className="text-xs text-slate-500">{label}</dt>
        <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
        {detail ? <dd className="text-xs text-slate-500">{detail}</dd> : null}
      </dl>
      {trend ? <Sparkline {...trend} /> : null}
    </div>
  );
}

function CurrencyCard({ figures }: { figures: CurrencyFigures }) {
  const { currency } = figures;
  const exp = currencyExponent(currency);
  const m = (amountMinor: bigint) => money({ amountMinor, currency });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{currency}</CardTitle>
        <Link href={`/reports/liability?currency=${currency}`} className="text-sm text-blue-700 underline">
          Liability report ({currency})
        </Link>
      </CardHeader>
      <div className="grid gap-3 p-4 sm:grid-cols-2 xl:grid-cols-3">
        <Figure
          label={`Outstanding credit ${currency}`}
          value={m(figures.outstandingMinor)}
          detail="Owed to customers now"
          trend={{ label: `Outstanding ${currency}, daily closing balance over 30 days`, values: figures.days.map((d) => chartNumber(d.closingMinor, exp)), colorIndex: 0 }}
        />
        {LINES.map((line, i) => (
          <Figure
            key={line.key}
            label={`${line.label} ${currency}, last 30 days`}
            value={m(figures.last30[line.key])}
            detail={`Today ${m(figures.today[line.key])}`}
            trend={{ label: `${line.label} ${currency} per day over 30 days`, values: figures.days.map((d) => chartNumber(d[line.key], exp)), colorIndex: i + 1 }}
          />
        ))}
        <Figure
          label={`Refunds ${currency}, last 30 days`}
          value={`${figures.refunds.last30.count} · ${m(figures.refunds.last30.amountMinor)}`}
          detail={`Today ${figures.refunds.today.count} · ${figures.refunds.last30.declined} declined · ${figures.refunds.last30.pending} pending`}
          trend={{ label: `Refunded ${currency} per day over 30 days`, values: figures.refunds.days.map((d) => chartNumber(d.amountMinor, exp)), colorIndex: 5 }}
        />
      </div>
    </Card>
  );
}

/** Key figures per currency, what waits for someone, and recent activity. */
export function DashboardView() {
  const trpc = useTRPC();
  const canDecide = useCan("approvals:decide");
  const { formatDateTime } = useDates();
  const dashboard = useQuery(trpc.reports.dashboard.queryOptions());
  if (dashboard.isPending) return <LoadingRows label="Loading the dashboard" />;
  if (dashboard.isError) return <ErrorState title="The dashboard could not be loaded">{dashboard.error.message}</ErrorState>;
  const data = dashboard.data;
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <Card className="p-4">
          <p className="text-xs text-slate-500">Approvals waiting</p>
          <p className="text-lg font-semibold">{data.pendingApprovals}</p>
          {canDecide ? (
            <Link href="/approvals" className="text-sm text-blue-700 underline">
              Open approvals
            </Link>
          ) : null}
        </Card>
        <Card className="p-4">
          <p className="text-xs text-slate-500">Notifications failed</p>
          <p className="text-lg font-semibold">{data.failedNotifications}</p>
          <Link href="/audit-log" className="text-sm text-blue-700 underline">
            Open the audit log
          </Link>
        </Card>
        <Card className="p-4">
          <p className="text-xs text-slate-500">Refunds pending</p>
          <p className="text-lg font-semibold">{data.pendingRefunds}</p>
          <Link href="/refunds?status=PENDING" className="text-sm text-blue-700 underline">
            Open pending refunds
          </Link>
        </Card>
      </div>
      {data.currencies.length === 0 ? (
        <EmptyState title="No credit or refunds yet">Figures appear here once credit is issued.</EmptyState>
      ) : (
        data.currencies.map((figures) => <CurrencyCard key={figures.currency} figures={figures} />)
      )}
      {data.canReadAudit ? (
        <Card>
          <CardHeader>
            <CardTitle>Recent activity</CardTitle>
            <Link href="/audit-log" className="text-sm text-blue-700 underline">
              All activity
            </Link>
          </CardHeader>
          {data.recentActivity.length === 0 ? (
            <EmptyState title="No activity yet">Changes staff make appear here.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {data.recentActivity.map((entry) => (
                <li key={entry.id} className="flex flex-wrap gap-x-3 px-4 py-2 text-sm">
                  <Link href={`/audit-log/${entry.id}`} className="font-medium text-blue-700 underline">
                    {entry.action}
                  </Link>
                  <span className="text-slate-600">{entry.actorName ?? "System"}</span>
                  {entry.customerName ? <span className="text-slate-600">{entry.customerName}</span> : null}
                  <span className="ml-auto text-slate-500">{formatDateTime(entry.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </div>
  );
}
