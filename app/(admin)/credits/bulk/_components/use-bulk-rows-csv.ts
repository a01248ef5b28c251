"use client";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { downloadText } from "@/components/download-text";
import { useTRPC } from "@/components/providers/trpc";
import { BULK_ROW_STATUS_LABELS, type BulkRowStatus } from "@/server/modules/bulk-credits/bulk-credits.schema";
import { rowsToCsv } from "./parse-bulk-csv";

const PAGE = 5_000;

/** Downloads a batch's rows (all of them, page by page) as CSV: the problems to fix, or the results. */
export function useBulkRowsCsv(batchId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async (kind: "problems" | "results") => {
    try {
      const statuses: BulkRowStatus[] | undefined = kind === "problems" ? ["INVALID"] : undefined;
      const rows = [];
      for (let afterLine = 0; ; ) {
        const page = await queryClient.fetchQuery({ ...trpc.bulkCredits.rows.queryOptions({ batchId, statuses, afterLine, limit: PAGE }), staleTime: 0 });
        rows.push(...page.rows);
        if (page.nextAfterLine === null) break;
        afterLine = page.nextAfterLine;
      }
      const base = ["customer", "amount", "currency", "category", "memo", "expiry", "notify"];
      const csv =
        kind === "problems"
          ? rowsToCsv(rows.map((row) => ({ ...row, line: row.line, problem: row.problem })), ["line", ...base, "problem"])
          : rowsToCsv(
              rows.map((row) => ({ ...row, result: BULK_ROW_STATUS_LABELS[row.status], credit_id: row.creditId, reason: row.problem ?? row.message })),
              ["line", ...base, "result", "credit_id", "reason"],
            );
      downloadText(kind === "problems" ? `bulk-credit-problems-${batchId}.csv` : `bulk-credit-results-${batchId}.csv`, csv);
      toast.success(`Downloaded ${rows.length.toLocaleString("en-US")} rows`);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "The download failed");
    }
  };
}
