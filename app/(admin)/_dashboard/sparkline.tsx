"use client";
import { Line, LineChart, ResponsiveContainer } from "recharts";
import { chartColor } from "@/components/charts/chart-colors";

/** A small trend line with no axes; the figure beside it is the number, the label says what the line is. */
export function Sparkline({ label, values, colorIndex = 0 }: { label: string; values: number[]; colorIndex?: number }) {
  return (
    <figure aria-label={label} className="h-10 w-28">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={values.map((value, i) => ({ i, value }))} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
          <Line type="monotone" dataKey="value" stroke={chartColor(colorIndex)} strokeWidth={1.5} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
