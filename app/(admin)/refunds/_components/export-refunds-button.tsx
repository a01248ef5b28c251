"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { ExportCsvButton } from "@/components/export-csv-button";
import type { RefundCsvInput } from "@/server/modules/refunds/refunds.schema";

/** Downloads the refunds the filters select (all pages, up to the server's cap) as CSV. */
export function ExportRefundsButton({ input, disabled }: { input: RefundCsvInput; disabled?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (
    <ExportCsvButton noun="refunds" disabled={disabled} fetchCsv={() => queryClient.fetchQuery({ ...trpc.refunds.csv.queryOptions(input), staleTime: 0 })} />
  );
}
