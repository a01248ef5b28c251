"use client";
import { useQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { DateText } from "@/components/date-text";
import { useTRPC } from "@/components/providers/trpc";
import { useIdempotencyKey } from "@/components/forms/use-idempotency-key";
import { formatMoney } from "@/server/lib/money";
import type { BulkBatchView } from "@/server/modules/bulk-credits/bulk-credits.schema";
import { useBulkRowsCsv } from "./use-bulk-rows-csv";

/** Step 3: totals, the valid count and every problem row; then "Issue N credits". */
export function BulkPreview({ batch }: { batch: BulkBatchView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [idempotencyKey, renewKey, renewAfterRefusal] = useIdempotencyKey();
  const downloadCsv = useBulkRowsCsv(batch.id);
  const problems = useQuery(trpc.bulkCredits.rows.queryOptions({ batchId: batch.id, statuses: ["INVALID"], limit: 200 }));
  const start = useMutation(
    trpc.bulkCredits.start.mutationOptions({
      onSuccess: async (result) => {
        renewKey();
        toast.success(result.status === "RUNNING" ? "Issuing started" : "Sent for approval");
        await queryClient.invalidateQueries(trpc.bulkCredits.get.queryFilter({ batchId: batch.id }));
      },
      onError: (error) => {
        renewAfterRefusal(error);
        toast.error(error.message);
      },
    }),
  );
  const n = batch.validRows.toLocaleString("en-US");
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Rows in file</dt>
          <dd className="font-medium tabular-nums">{batch.rowCount.toLocaleString("en-US")}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Valid rows</dt>
          <dd className="font-medium tabular-nums">{n}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Problem rows</dt>
          <dd className="font-medium tabular-nums">{batch.problemRows.toLocaleString("en-US")}</dd>
        </div>
        {batch.totals.map((total) => (
          <div key={total.currency}>
            <dt className="text-slate-500">Total {total.currency}</dt>
            <dd className="font-medium tabular-nums">{formatMoney(total.amountMinor, total.currency)}</dd>
          </div>
        ))}
      </dl>
      {batch.duplicateOf ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          This file was already issued on <DateText value={batch.duplicateOf.issuedAt} withTime /> by {batch.duplicateOf.issuedBy}.{" "}
          <Link href={`/credits/bulk/${batch.duplicateOf.batchId}`} className="font-medium underline">
            Open that batch
          </Link>
          . Nothing new will be issued.
        </p>
      ) : null}
      {batch.approvalReason ? (
        <p className="rounded-md border border-blue-200 bg-blue-50 p-3 text-sm text-blue-900">
          Needs approval: {batch.approvalReason}. The whole batch goes to Approvals as one request.
        </p>
      ) : null}
      <section aria-labelledby="problem-rows" className="space-y-2">
        <div className="flex items-center justify-between gap-2">
          <h3 id="problem-rows" className="text-sm font-semibold text-slate-900">
            Problem rows
          </h3>
          {batch.problemRows > 0 ? (
            <Button variant="secondary" size="sm" onClick={() => void downloadCsv("problems")}>
              Download problem rows
            </Button>
          ) : null}
        </div>
        {problems.isPending ? <LoadingRows rows={2} label="Loading problem rows" /> : null}
        {problems.isError ? <ErrorState title="The problem rows could not be loaded">{problems.error.message}</ErrorState> : null}
        {problems.data && problems.data.rows.length === 0 ? <p className="text-sm text-slate-600">No problems: every row can be issued.</p> : null}
        {problems.data && problems.data.rows.length > 0 ? (
          <Table aria-label="Problem rows">
            <thead>
              <tr>
                <Th className="text-right">Line</Th>
                <Th>Customer</Th>
                <Th>Amount</Th>
                <Th>Problem</Th>
              </tr>
            </thead>
            <tbody>
              {problems.data.rows.map((row) => (
                <tr key={row.line}>
                  <Td className="text-right tabular-nums">{row.line}</Td>
                  <Td>{row.customer}</Td>
                  <Td className="whitespace-nowrap">
                    {row.amount} {row.currency}
                  </Td>
                  <Td>{row.problem}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
        {problems.data?.nextAfterLine ? <p className="text-sm text-slate-600">The first 200 are shown; download them all to fix.</p> : null}
      </section>
      <div className="flex justify-end">
        <Button disabled={batch.validRows === 0 || batch.duplicateOf !== null || start.isPending} onClick={() => start.mutate({ batchId: batch.id, idempotencyKey })}>
          {start.isPending ? "Starting…" : batch.approvalReason ? `Request approval for ${n} credits` : `Issue ${n} credits`}
        </Button>
      </div>
    </div>
  );
}
