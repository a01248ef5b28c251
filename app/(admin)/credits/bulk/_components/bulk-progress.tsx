"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/components/providers/trpc";
import type { BulkBatchView } from "@/server/modules/bulk-credits/bulk-credits.schema";

const duration = (ms: number) => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
};

/** Cancelled: what was issued, what never will be, and whether a chunk in flight is still finishing. */
const cancelledText = (batch: BulkBatchView) =>
  `cancelled: ${(batch.createdRows + batch.skippedRows).toLocaleString("en-US")} issued, ${batch.cancelledRows.toLocaleString("en-US")} not issued` +
  (batch.doneRows < batch.validRows ? `, ${(batch.validRows - batch.doneRows).toLocaleString("en-US")} rows in flight finishing` : "");

/** Step 4: rows done of all, elapsed and remaining time, and Cancel; a finished batch keeps its bar (at 100% when complete). */
export function BulkProgress({ batch, now }: { batch: BulkBatchView; now: number }) {
  const isRunning = batch.status === "RUNNING";
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.bulkCredits.cancel.mutationOptions({
      onSuccess: async ({ cancelledRows }) => {
        toast.success(`Cancelled; ${cancelledRows.toLocaleString("en-US")} rows will not be issued`);
        await queryClient.invalidateQueries(trpc.bulkCredits.get.queryFilter({ batchId: batch.id }));
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const total = batch.validRows;
  const percent = total === 0 ? 100 : Math.floor((batch.doneRows / total) * 100);
  const elapsed = batch.startedAt ? (batch.finishedAt?.getTime() ?? now) - batch.startedAt.getTime() : 0;
  const remaining = batch.doneRows > 0 ? (elapsed / batch.doneRows) * (total - batch.doneRows) : null;
  return (
    <div className="space-y-3">
      <div
        role="progressbar"
        aria-label="Issuing credits"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-blue-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p role="status" className="text-sm text-slate-700">
        {batch.doneRows.toLocaleString("en-US")} of {total.toLocaleString("en-US")} rows done ({percent}%) · elapsed {duration(elapsed)}
        {isRunning && remaining !== null ? ` · about ${duration(remaining)} left` : ""}
        {isRunning ? "" : ` · ${batch.status === "CANCELLED" ? cancelledText(batch) : "finished"}`}
      </p>
      {isRunning ? (
        <div className="flex justify-end">
          <Button variant="danger" disabled={cancel.isPending} onClick={() => cancel.mutate({ batchId: batch.id })}>
            {cancel.isPending ? "Cancelling…" : "Cancel batch"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
