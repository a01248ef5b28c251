import type { ReactNode } from "react";

function StatCard({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section aria-label={label} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <h2 className="text-xs font-medium text-slate-500">{label}</h2>
      <div className="mt-1 text-sm text-slate-900">{children}</div>
    </section>
  );
}

const Empty = ({ children }: { children: ReactNode }) => <p className="text-sm text-slate-400">{children}</p>;

/** Money at a glance. Figures come from the credits and payments modules as they land. */
export function AnalyticsCards() {
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <StatCard label="Store credit balance">
        <Empty>No store credit</Empty>
      </StatCard>
      <StatCard label="Lifetime paid">
        <Empty>No payments yet</Empty>
      </StatCard>
      <StatCard label="Payments">
        <p className="text-lg font-semibold tabular-nums">0</p>
      </StatCard>
      <StatCard label="Total refunded">
        <Empty>Nothing refunded</Empty>
      </StatCard>
    </div>
  );
}
