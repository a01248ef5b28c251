"use client";
import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useCan } from "@/components/providers/actor-context";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { money, type MoneyLike } from "@/components/money";
import { useProfileActions } from "./profile-actions";

function StatCard({ label, action, children, className }: { label: string; action?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section aria-label={label} className={cn("min-w-0 rounded-lg border border-slate-200 bg-white px-4 py-3 break-words", className)}>
      <div className="flex items-start justify-between gap-2">
        <h2 className="text-xs font-medium text-slate-500">{label}</h2>
        {action}
      </div>
      <div className="mt-1 text-sm text-slate-900">{children}</div>
    </section>
  );
}

const Muted = ({ children }: { children: ReactNode }) => <p className="text-sm text-slate-500">{children}</p>;

function Amounts({ amounts, empty }: { amounts: MoneyLike[]; empty: string }) {
  if (amounts.length === 0) return <Muted>{empty}</Muted>;
  return (
    <ul className="space-y-0.5">
      {amounts.map((a) => (
        <li key={a.currency} className="text-lg font-semibold tabular-nums">
          {money(a)}
        </li>
      ))}
    </ul>
  );
}

type Balance = MoneyLike & { heldMinor: bigint };

/** Each balance as what can be spent, with what open holds set aside from it underneath. */
function Balances({ balances }: { balances: Balance[] }) {
  if (balances.length === 0) return <Muted>No store credit</Muted>;
  return (
    <ul className="space-y-0.5">
      {balances.map((b) => (
        <li key={b.currency}>
          <span className="text-lg font-semibold tabular-nums">{money(b)}</span>
          {b.heldMinor > 0n ? (
            <span className="ml-2 text-xs text-slate-500 tabular-nums">{money({ amountMinor: b.heldMinor, currency: b.currency })} on hold</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Money at a glance; the figures update when a credit or refund changes them. */
export function AnalyticsCards({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const canIssue = useCan("credits:issue");
  const { openAddCredit } = useProfileActions();
  const summary = useQuery(trpc.customers.summary.queryOptions({ customerId }));

  const body = (render: (data: NonNullable<typeof summary.data>) => ReactNode) =>
    summary.isPending ? (
      <div role="status" aria-label="Loading" className="mt-1 h-6 animate-pulse rounded bg-slate-100" />
    ) : summary.isError ? (
      <Muted>Could not load</Muted>
    ) : (
      render(summary.data)
    );

  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <StatCard
        label="Store credit balance"
        // On a phone the balance and its button get the full width.
        className="col-span-2 lg:col-span-1"
        action={
          canIssue ? (
            <Button variant="ghost" size="sm" onClick={openAddCredit}>
              <Plus aria-hidden="true" className="h-3.5 w-3.5" />
              Add store credit
            </Button>
          ) : null
        }
      >
        {body((s) => (s.balances === null ? <Muted>Not visible to your role</Muted> : <Balances balances={s.balances} />))}
      </StatCard>
      <StatCard label="Lifetime paid">
        {body((s) => (s.payments === null ? <Muted>Not visible to your role</Muted> : <Amounts amounts={s.payments.lifetimePaid} empty="No payments yet" />))}
      </StatCard>
      <StatCard label="Payments">
        {body((s) => <p className="text-lg font-semibold tabular-nums">{s.payments?.count ?? "—"}</p>)}
      </StatCard>
      <StatCard label="Total refunded" className="col-span-2 lg:col-span-1">
        {body((s) => (s.payments === null ? <Muted>Not visible to your role</Muted> : <Amounts amounts={s.payments.totalRefunded} empty="Nothing refunded" />))}
      </StatCard>
    </div>
  );
}
