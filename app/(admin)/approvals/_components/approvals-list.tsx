"use client";
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { LabelOptions } from "@/components/ui/label-options";
import { useUrlState } from "@/components/use-url-state";
import { APPROVAL_STATUS_LABELS, APPROVAL_STATUSES, type ApprovalRequestView } from "@/server/modules/approvals/approvals.schema";
import { ApprovalsTable } from "./approvals-table";
import { RejectDialog } from "./reject-dialog";

const PAGE_SIZE = 50;

/** Requests by status (in the URL, Pending by default), each pending one with Approve and Reject. */
export function ApprovalsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { params, set } = useUrlState();
  const status = APPROVAL_STATUSES.find((s) => s === params.get("status")) ?? "PENDING";
  const cursor = params.get("cursor");
  const list = useQuery({ ...trpc.approvals.list.queryOptions({ status, cursor, limit: PAGE_SIZE }), placeholderData: keepPreviousData });
  // The pending count is one cheap query the sidebar badge already makes; other statuses show none.
  const pendingCount = useQuery({ ...trpc.approvals.pendingCount.queryOptions(), enabled: status === "PENDING" });
  const [rejecting, setRejecting] = useState<ApprovalRequestView | null>(null);

  const refetch = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.approvals.list.pathFilter()),
      queryClient.invalidateQueries(trpc.approvals.pendingCount.pathFilter()),
    ]);
  const approve = useMutation(
    trpc.approvals.approve.mutationOptions({
      onSuccess: async () => {
        toast.success("Approved and done");
        await refetch();
      },
      onError: async (error) => {
        toast.error(error.message);
        await refetch();
      },
    }),
  );

  return (
    <Card aria-busy={list.isFetching}>
      <CardHeader>
        <CardTitle>{APPROVAL_STATUS_LABELS[status]}</CardTitle>
        <div className="w-44">
          <Field label="Status">
            <Select value={status} onChange={(e) => set({ status: e.target.value === "PENDING" ? null : e.target.value, cursor: null })}>
              <LabelOptions values={APPROVAL_STATUSES} labels={APPROVAL_STATUS_LABELS} />
            </Select>
          </Field>
        </div>
      </CardHeader>
      {list.isPending ? (
        <LoadingRows label="Loading approvals" />
      ) : list.isError ? (
        <ErrorState title="Approvals could not be loaded">{list.error.message}</ErrorState>
      ) : list.data.items.length === 0 ? (
        <EmptyState title={status === "PENDING" ? "Nothing waits for approval" : `No ${APPROVAL_STATUS_LABELS[status].toLowerCase()} requests`} />
      ) : (
        <>
          <ApprovalsTable
            requests={list.data.items}
            approvingId={approve.isPending ? (approve.variables?.requestId ?? null) : null}
            onApprove={(request) => approve.mutate({ idempotencyKey: crypto.randomUUID(), requestId: request.id })}
            onReject={setRejecting}
          />
          <CursorPager
            cursor={cursor}
            nextCursor={list.data.nextCursor}
            onPage={(next) => set({ cursor: next })}
            total={status === "PENDING" && pendingCount.data ? { count: pendingCount.data.count, noun: "pending" } : undefined}
          />
        </>
      )}
      <RejectDialog request={rejecting} onClose={() => setRejecting(null)} onDecided={refetch} />
    </Card>
  );
}
