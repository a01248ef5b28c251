"use client";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { money } from "@/components/money";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { currencyExponent } from "@/server/lib/money";
import { ROLL_FORWARD_LINES } from "@/server/modules/reports/reports.schema";
import { chartColor, chartDash } from "@/components/charts/chart-colors";
import { chartNumber } from "../../_components/report-params";
import type { LiabilityData } from "./roll-forward-table";

/** Month-end balances (a line) and monthly movements (stacked bars, decreases below zero), per currency, with the table. */
export function LiabilityTrend({ report }: { report: LiabilityData }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Month-end balance and movements, 12 months</CardTitle>
      </CardHeader>
      <div className="space-y-6 p-4">
        {report.currencies.map((currency) => {
          const exponent = currencyExponent(currency);
          const points = report.trend.filter((p) => p.currency === currency);
          const rows = points.map((p) => ({
            month: p.month,
            closing: chartNumber(p.closingMinor, exponent),
            ...Object.fromEntries(ROLL_FORWARD_LINES.map((line) => [line.key, line.sign * chartNumber(p.lines[line.key], exponent)])),
          }));
          const format = (value: unknown) => (typeof value === "number" ? `${value.toLocaleString("en-GB")} ${currency}` : String(value));
          return (
            <section key={currency} aria-label={`${currency} trend`} className="space-y-3 break-inside-avoid">
              <h3 className="text-sm font-medium text-slate-800">{currency}</h3>
              <div className="grid gap-4 lg:grid-cols-2">
                <figure aria-label={`Month-end outstanding ${currency}, line chart; the table below has the figures`} className="h-56">
                  <ResponsiveContainer width="100%" height="100%">
                    <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
                      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                      <XAxis dataKey="month" tick={{ fontSize: 11 }} />
                      <YAxis tick={{ fontSize: 11 }} width={70} />
                      <Tooltip formatter={format} />
                      <Line type="monotone" dataKey="closing" name="Month-end balance" stroke={chartColor(0)} strokeWidth={2} dot isAnimationActive={false} />
                    </LineChart>
                  </ResponsiveContainer>
                </figure>
                <figure aria-label={`Monthly movements ${currency}, stacked bar chart; the table below has the figures`} className="h-56">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={rows} stackOffset="sign" margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
                      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                      <XAxis dataKey="month" tick={{ fontSize: 11 }} />
                      <YAxis tick={{ fontSize: 11 }} width={70} />
                      <Tooltip formatter={format} />
                      <Legend wrapperStyle={{ fontSize: 11 }} />
                      {ROLL_FORWARD_LINES.map((line, i) => (
                        <Bar key={line.key} dataKey={line.key} name={line.label} stackId="moves" fill={chartColor(i)} stroke={chartDash(i) ? "#1e293b" : undefined} isAnimationActive={false} />
                      ))}
                    </BarChart>
                  </ResponsiveContainer>
                </figure>
              </div>
              <Table aria-label={`Month-end balance and movements ${currency}`}>
                <thead>
                  <tr>
                    <Th>Month</Th>
                    <Th className="text-right">Month-end balance</Th>
                    {ROLL_FORWARD_LINES.map((line) => (
                      <Th key={line.key} className="text-right">
                        {line.label}
                      </Th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.month}>
                      <Td>{p.month}</Td>
                      <Td className="text-right tabular-nums">{money({ amountMinor: p.closingMinor, currency })}</Td>
                      {ROLL_FORWARD_LINES.map((line) => (
                        <Td key={line.key} className="text-right tabular-nums">
                          {money({ amountMinor: p.lines[line.key], currency })}
                        </Td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </Table>
            </section>
          );
        })}
      </div>
    </Card>
  );
}
