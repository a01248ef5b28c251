"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

/** The sidebar's count of requests waiting for a decision; nothing while none wait or it cannot load. */
export function PendingCountBadge() {
  const trpc = useTRPC();
  const pending = useQuery({ ...trpc.approvals.pendingCount.queryOptions(), refetchInterval: 60_000 });
  const count = pending.data?.count ?? 0;
  if (count === 0) return null;
  return (
    <span aria-label={`${count} pending`} className="ml-auto rounded-full bg-amber-400 px-1.5 text-xs font-semibold text-slate-900 tabular-nums">
      {count}
    </span>
  );
}
