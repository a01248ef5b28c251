"use client";
import { useState } from "react";
import { Download } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { downloadText } from "@/components/download-text";

export type CsvExport = { filename: string; csv: string; rowCount: number; isTruncated: boolean };

type Props = {
  /** Fetches the file fresh (never from cache): the list may have grown since the page loaded. */
  fetchCsv: () => Promise<CsvExport>;
  /** What the rows are, plural: "refunds", "audit entries". */
  noun: string;
  disabled?: boolean;
};

/** Downloads what the list's filters select (all pages, up to the server's cap) as CSV. */
export function ExportCsvButton({ fetchCsv, noun, disabled }: Props) {
  const [isExporting, setIsExporting] = useState(false);

  async function exportCsv() {
    setIsExporting(true);
    try {
      const result = await fetchCsv();
      downloadText(result.filename, result.csv);
      toast.success(result.isTruncated ? `Exported the newest ${result.rowCount} ${noun}; narrow the filters for older ones` : `Exported ${result.rowCount} ${noun}`);
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
