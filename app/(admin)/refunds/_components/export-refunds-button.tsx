"use client";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import type { RefundCsvInput } from "@/server/modules/refunds/refunds.schema";
import { downloadText } from "@/components/download-text";

/** Downloads the refunds the filters select (all pages, up to the server's cap) as CSV. */
export function ExportRefundsButton({ input, disabled }: { input: RefundCsvInput; disabled?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [isExporting, setIsExporting] = useState(false);

  async function exportCsv() {
    setIsExporting(true);
    try {
      const result = await queryClient.fetchQuery({ ...trpc.refunds.csv.queryOptions(input), staleTime: 0 });
      downloadText(result.filename, result.csv);
      toast.success(
        result.isTruncated ? `Exported the newest ${result.rowCount} refunds; narrow the filters for older ones` : `Exported ${result.rowCount} refunds`,
      );
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "The export failed");
    } finally {
      setIsExporting(false);
    }
  }

  return (
    <Button size="sm" variant="secondary" onClick={() => void exportCsv()} disabled={disabled || isExporting}>
      <Download aria-hidden="true" className="h-3.5 w-3.5" />
      {isExporting ? "Exporting…" : "Export CSV"}
    </Button>
  );
}
