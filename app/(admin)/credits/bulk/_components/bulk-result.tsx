"use client";
import { useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { useTRPC } from "@/components/providers/trpc";
import { BULK_ROW_STATUS_LABELS, type BulkBatchView } from "@/server/modules/bulk-credits/bulk-credits.schema";
import { useBulkRowsCsv } from "./use-bulk-rows-csv";

const PAGE = 100;

/** Step 5: created / skipped / failed, the results as CSV, and the batch's credits page by page. */
export function BulkResult({ batch }: { batch: BulkBatchView }) {
  const trpc = useTRPC();
  const downloadCsv = useBulkRowsCsv(batch.id);
  const [afterLines, setAfterLines] = useState<number[]>([0]);
  const afterLine = afterLines.at(-1) ?? 0;
  const rows = useQuery(trpc.bulkCredits.rows.queryOptions({ batchId: batch.id, statuses: ["CREATED", "SKIPPED", "FAILED", "CANCELLED"], afterLine, limit: PAGE }));
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        {(
          [
            ["Created", batch.createdRows],
            ["Skipped (already issued by this batch)", batch.skippedRows],
            ["Failed", batch.failedRows],
            ["Cancelled", batch.cancelledRows],
          ] as const
        ).map(([label, count]) => (
          <div key={label}>
            <dt className="text-slate-500">{label}</dt>
            <dd className="font-medium tabular-nums">{count.toLocaleString("en-US")}</dd>
          </div>
        ))}
      </dl>
      <div className="flex justify-end">
        <Button variant="secondary" onClick={() => void downloadCsv("results")}>
          Download results
        </Button>
      </div>
      <section aria-labelledby="batch-credits" className="space-y-2">
        <h3 id="batch-credits" className="text-sm font-semibold text-slate-900">
          Credits of this batch
        </h3>
        {rows.isPending ? <LoadingRows rows={3} label="Loading credits" /> : null}
        {rows.isError ? <ErrorState title="The credits could not be loaded">{rows.error.message}</ErrorState> : null}
        {rows.data ? (
          <Table aria-label="Credits of this batch">
            <thead>
              <tr>
                <Th className="text-right">Line</Th>
                <Th>Customer</Th>
                <Th>Amount</Th>
                <Th>Result</Th>
              </tr>
            </thead>
            <tbody>
              {rows.data.rows.map((row) => (
                <tr key={row.line}>
                  <Td className="text-right tabular-nums">{row.line}</Td>
                  <Td>{row.customer}</Td>
                  <Td className="whitespace-nowrap">
                    {row.creditId && row.customerId ? (
                      <Link href={`/customers/${row.customerId}/credits/${row.creditId}`} className="text-blue-700 hover:underline">
                        {row.amount} {row.currency}
                      </Link>
                    ) : (
                      `${row.amount} ${row.currency}`
                    )}
                  </Td>
                  <Td>
                    {BULK_ROW_STATUS_LABELS[row.status]}
                    {row.message ? `: ${row.message}` : ""}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" size="sm" disabled={afterLines.length === 1} onClick={() => setAfterLines((list) => list.slice(0, -1))}>
            Previous credits
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={!rows.data?.nextAfterLine}
            onClick={() => rows.data?.nextAfterLine && setAfterLines((list) => [...list, rows.data.nextAfterLine!])}
          >
            Next credits
          </Button>
        </div>
      </section>
    </div>
  );
}
