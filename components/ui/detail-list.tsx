import type { CSSProperties, ReactNode } from "react";

/**
 * Label/value pairs in two aligned columns, as a description list. On a phone each label sits
 * above its value, and long values (ids, emails) wrap instead of running off the screen.
 */
export function DetailList({ rows, labelWidth = "10rem" }: { rows: [string, ReactNode][]; labelWidth?: string }) {
  return (
    <dl
      className="grid grid-cols-1 gap-y-0.5 px-4 pt-1.5 pb-3 text-sm sm:py-3 sm:grid-cols-[var(--label-width)_minmax(0,1fr)] sm:gap-y-2"
      style={{ "--label-width": labelWidth } as CSSProperties}
    >
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500 max-sm:mt-1.5 max-sm:text-xs">{label}</dt>
          <dd className="min-w-0 [overflow-wrap:anywhere] text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
