"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartColor } from "@/components/charts/chart-colors";

type Props = {
  label: string;
  data: Record<string, string | number>[];
  xKey: string;
  bars: { key: string; name: string }[];
  isStacked?: boolean;
};

/** A bar chart described for screen readers by its label; the table beside it has the exact figures. */
export function BarFigure({ label, data, xKey, bars, isStacked }: Props) {
  return (
    <figure aria-label={`${label}; the table has the figures`} className="h-56">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey={xKey} tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} width={70} />
          <Tooltip />
          {bars.length > 1 ? <Legend wrapperStyle={{ fontSize: 11 }} /> : null}
          {bars.map((bar, i) => (
            <Bar key={bar.key} dataKey={bar.key} name={bar.name} fill={chartColor(i)} stackId={isStacked ? "stack" : undefined} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
