"use client";
import { useEffect, useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { DateText } from "@/components/date-text";
import { BULK_STATUS_LABELS } from "@/server/modules/bulk-credits/bulk-credits.schema";
import { BulkPreview } from "./bulk-preview";
import { BulkProgress } from "./bulk-progress";
import { BulkResult } from "./bulk-result";

/** A batch still moving: running, or cancelled with a chunk its worker is finishing. */
const isMoving = (b: { status: string; doneRows: number; validRows: number } | undefined) =>
  b !== undefined && (b.status === "RUNNING" || (b.status === "CANCELLED" && b.doneRows < b.validRows));

/** One batch's page: preview, progress (polled every second while it moves) or result, by its status. */
export function BulkBatchPanel({ batchId }: { batchId: string }) {
  const trpc = useTRPC();
  const batch = useQuery({
    ...trpc.bulkCredits.get.queryOptions({ batchId }),
    refetchInterval: (query) => (isMoving(query.state.data) ? 1000 : false),
  });
  const [now, setNow] = useState(() => Date.now());
  const isRunning = isMoving(batch.data);
  useEffect(() => {
    if (!isRunning) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isRunning]);

  if (batch.isPending) return <LoadingRows rows={4} label="Loading the batch" />;
  if (batch.isError) return <ErrorState title="This batch could not be loaded">{batch.error.message}</ErrorState>;
  const b = batch.data;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        <span className="font-medium text-slate-900">{b.fileName}</span> · {BULK_STATUS_LABELS[b.status]} · uploaded by {b.createdBy.name}{" "}
        <DateText value={b.createdAt} withTime />
      </p>
      {b.status === "DRAFT" ? <BulkPreview batch={b} /> : null}
      {b.status === "PENDING_APPROVAL" ? (
        <p role="status" className="rounded-md border border-blue-200 bg-blue-50 p-3 text-sm text-blue-900">
          Waiting for approval: a manager decides on the whole batch in{" "}
          <Link href="/approvals" className="font-medium underline">
            Approvals
          </Link>
          . You can follow it in{" "}
          <Link href="/my-requests" className="font-medium underline">
            My requests
          </Link>
          .
        </p>
      ) : null}
      {b.status === "REJECTED" ? <p className="text-sm text-slate-700">The approval was refused or expired; nothing was issued.</p> : null}
      {b.status === "RUNNING" || b.status === "COMPLETED" || b.status === "CANCELLED" ? <BulkProgress batch={b} now={now} /> : null}
      {b.status === "COMPLETED" || b.status === "CANCELLED" ? <BulkResult batch={b} /> : null}
    </div>
  );
}
