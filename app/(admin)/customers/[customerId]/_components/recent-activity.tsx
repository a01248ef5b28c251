"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useCan } from "@/components/providers/actor-context";
import { useTRPC } from "@/components/providers/trpc";
import { useDates } from "@/components/format";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";

/** The customer's newest audit entries, for roles that read the audit log; the Activity tab has them all. */
export function RecentActivity({ customerId }: { customerId: string }) {
  const canRead = useCan("audit:read");
  const trpc = useTRPC();
  const { formatDateTime } = useDates();
  const activity = useQuery({ ...trpc.audit.list.queryOptions({ customerId, limit: 5 }), enabled: canRead });
  if (!canRead) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recent activity</CardTitle>
        <Link href={`/customers/${customerId}/activity`} className="text-sm text-blue-700 underline">
          All activity
        </Link>
      </CardHeader>
      {activity.isPending ? (
        <LoadingRows rows={2} label="Loading recent activity" />
      ) : activity.isError ? (
        <ErrorState title="Recent activity could not be loaded">{activity.error.message}</ErrorState>
      ) : activity.data.items.length === 0 ? (
        <EmptyState title="No activity yet">Changes staff make for this customer appear here.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {activity.data.items.map((entry) => (
            <li key={entry.id} className="flex flex-wrap gap-x-3 px-4 py-2 text-sm">
              <Link href={`/audit-log/${entry.id}`} className="font-medium text-blue-700 underline">
                {entry.action}
              </Link>
              <span className="text-slate-600">{entry.actor?.name ?? "System"}</span>
              <span className="ml-auto text-slate-500">{formatDateTime(entry.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
