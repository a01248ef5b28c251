import type { ReactNode } from "react";

/** Label/value pairs in two aligned columns, as a description list. */
export function DetailList({ rows, labelWidth = "10rem" }: { rows: [string, ReactNode][]; labelWidth?: string }) {
  return (
    <dl className="grid gap-y-2 px-4 py-3 text-sm" style={{ gridTemplateColumns: `${labelWidth} 1fr` }}>
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
