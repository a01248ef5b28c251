"use client";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { useUrlState } from "@/components/use-url-state";
import { AuditTable } from "@/app/(admin)/audit-log/_components/audit-table";

/** The audit entries that touch this customer, newest first. */
export function CustomerActivity({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const { params, set } = useUrlState();
  const cursor = params.get("cursor");
  const list = useQuery({ ...trpc.audit.list.queryOptions({ customerId, cursor, limit: 50 }), placeholderData: keepPreviousData });

  return (
    <Card aria-busy={list.isFetching}>
      <CardHeader>
        <CardTitle>Activity</CardTitle>
        <Link href={`/audit-log?customer=${customerId}`} className="text-sm text-blue-700 hover:underline">
          Open in the audit log
        </Link>
      </CardHeader>
      {list.isPending ? (
        <LoadingRows label="Loading activity" />
      ) : list.isError ? (
        <ErrorState title="Activity could not be loaded">{list.error.message}</ErrorState>
      ) : list.data.items.length === 0 ? (
        <EmptyState title="No activity yet">Credits, refunds and corrections made for this customer will be listed here.</EmptyState>
      ) : (
        <>
          <AuditTable entries={list.data.items} />
          <CursorPager cursor={cursor} nextCursor={list.data.nextCursor} onPage={(next) => set({ cursor: next })} />
        </>
      )}
    </Card>
  );
}
