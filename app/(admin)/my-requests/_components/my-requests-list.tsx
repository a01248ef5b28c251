"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { formatDistanceToNowStrict } from "date-fns";
import { ApprovalStatusBadge } from "@/components/approvals/approval-status-badge";
import { useDates } from "@/components/format";
import { money } from "@/components/money";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { useUrlState } from "@/components/use-url-state";
import { APPROVABLE_OPERATION_LABELS } from "@/server/modules/approvals/approvals.schema";
import { ApprovalTarget } from "@/app/(admin)/approvals/_components/approval-target";

/** The caller's own requests in every status, with who decided and why. */
export function MyRequestsList() {
  const { formatDateTime } = useDates();
  const trpc = useTRPC();
  const { params, set } = useUrlState();
  const cursor = params.get("cursor");
  const list = useQuery({ ...trpc.approvals.mine.queryOptions({ cursor, limit: 50 }), placeholderData: keepPreviousData });

  return (
    <Card aria-busy={list.isFetching}>
      {list.isPending ? (
        <LoadingRows label="Loading your requests" />
      ) : list.isError ? (
        <ErrorState title="Your requests could not be loaded">{list.error.message}</ErrorState>
      ) : list.data.items.length === 0 ? (
        <EmptyState title="No requests yet">Actions above your limits are listed here while they wait and once decided.</EmptyState>
      ) : (
        <>
          <Table aria-label="My requests">
            <thead>
              <tr>
                <Th>Requested</Th>
                <Th>Customer</Th>
                <Th>Action</Th>
                <Th className="text-right">Amount</Th>
                <Th>Status</Th>
                <Th>Decided by</Th>
                <Th>Decision reason</Th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.id} className="align-top">
                  <Td className="whitespace-nowrap">{formatDistanceToNowStrict(r.createdAt, { addSuffix: true })}</Td>
                  <Td className="whitespace-nowrap">
                    <ApprovalTarget request={r} />
                  </Td>
                  <Td className="whitespace-nowrap">{APPROVABLE_OPERATION_LABELS[r.operation]}</Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">{money(r)}</Td>
                  <Td className="whitespace-nowrap">
                    <ApprovalStatusBadge status={r.status} />
                  </Td>
                  <Td className="whitespace-nowrap">
                    {r.decidedBy ? `${r.decidedBy.name}${r.decidedAt ? `, ${formatDateTime(r.decidedAt)}` : ""}` : "—"}
                  </Td>
                  <Td>{r.decisionReason ?? "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <CursorPager cursor={cursor} nextCursor={list.data.nextCursor} onPage={(next) => set({ cursor: next })} />
        </>
      )}
    </Card>
  );
}
