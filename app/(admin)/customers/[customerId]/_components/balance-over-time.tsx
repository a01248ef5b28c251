"use client";
import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useCan } from "@/components/providers/actor-context";
import { useTRPC } from "@/components/providers/trpc";
import { useDates } from "@/components/format";
import { money } from "@/components/money";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { currencyExponent } from "@/server/lib/money";
import { chartColor } from "@/components/charts/chart-colors";

/** A small line per currency: the balance after each credit event (the newest 500). */
export function BalanceOverTime({ customerId }: { customerId: string }) {
  const canRead = useCan("credits:read");
  const trpc = useTRPC();
  const { formatDate, formatDateTime } = useDates();
  const history = useQuery({ ...trpc.credits.balanceHistory.queryOptions({ customerId }), enabled: canRead });
  if (!canRead) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Balance over time</CardTitle>
      </CardHeader>
      {history.isPending ? (
        <LoadingRows rows={2} label="Loading the balance over time" />
      ) : history.isError ? (
        <ErrorState title="The balance over time could not be loaded">{history.error.message}</ErrorState>
      ) : history.data.currencies.length === 0 ? (
        <EmptyState title="No store credit yet">The balance appears here once credit is added.</EmptyState>
      ) : (
        <div className="grid gap-4 p-4 md:grid-cols-2">
          {history.data.currencies.map(({ currency, points }, i) => {
            const last = points.at(-1);
            const data = points.map((p) => ({ at: p.at.getTime(), balance: Number(p.balanceMinor) / 10 ** currencyExponent(currency) }));
            return (
              <figure key={currency} aria-label={`Balance over time ${currency}: now ${last ? money({ amountMinor: last.balanceMinor, currency }) : "none"}, ${points.length} changes since ${points[0] ? formatDate(points[0].at) : ""}`}>
                <figcaption className="text-xs text-slate-600">
                  {currency} · now {last ? money({ amountMinor: last.balanceMinor, currency }) : "—"}
                </figcaption>
                <div className="h-32">
                  <ResponsiveContainer width="100%" height="100%">
                    <LineChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
                      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                      <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(v: number) => formatDate(new Date(v))} tick={{ fontSize: 10 }} />
                      <YAxis tick={{ fontSize: 10 }} width={56} />
                      <Tooltip labelFormatter={(v) => formatDateTime(new Date(Number(v)))} />
                      <Line type="stepAfter" dataKey="balance" name={`Balance ${currency}`} stroke={chartColor(i)} dot={false} isAnimationActive={false} />
                    </LineChart>
                  </ResponsiveContainer>
                </div>
              </figure>
            );
          })}
        </div>
      )}
    </Card>
  );
}
