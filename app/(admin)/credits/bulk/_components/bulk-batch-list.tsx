"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Table, Td, Th } from "@/components/ui/table";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { DateText } from "@/components/date-text";
import { BULK_STATUS_LABELS } from "@/server/modules/bulk-credits/bulk-credits.schema";

/** The latest batches, newest first, each opening its page. */
export function BulkBatchList() {
  const trpc = useTRPC();
  const list = useQuery(trpc.bulkCredits.list.queryOptions({ limit: 20 }));
  if (list.isPending) return <LoadingRows rows={3} label="Loading batches" />;
  if (list.isError) return <ErrorState title="The batches could not be loaded">{list.error.message}</ErrorState>;
  if (list.data.length === 0) return <EmptyState title="No bulk credits yet">Batches you start appear here.</EmptyState>;
  return (
    <Table aria-label="Recent bulk credits">
      <thead>
        <tr>
          <Th>File</Th>
          <Th>Status</Th>
          <Th className="text-right">Rows</Th>
          <Th>By</Th>
          <Th>Started</Th>
        </tr>
      </thead>
      <tbody>
        {list.data.map((batch) => (
          <tr key={batch.id}>
            <Td>
              <Link href={`/credits/bulk/${batch.id}`} className="font-medium text-blue-700 hover:underline">
                {batch.fileName}
              </Link>
            </Td>
            <Td>{BULK_STATUS_LABELS[batch.status]}</Td>
            <Td className="text-right tabular-nums">{batch.validRows.toLocaleString("en-US")}</Td>
            <Td>{batch.createdBy.name}</Td>
            <Td className="whitespace-nowrap">
              <DateText value={batch.startedAt ?? batch.createdAt} withTime />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
