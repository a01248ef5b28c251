"use client";
import { useRef, useState, type DragEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { Download, Upload } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { downloadText } from "@/components/download-text";
import { useTRPC } from "@/components/providers/trpc";
import { BULK_PIECE_ROWS, BULK_TEMPLATE_CSV } from "@/server/modules/bulk-credits/bulk-credits.schema";
import { parseBulkCsv } from "./parse-bulk-csv";

/** Step 1 and 2: the template, then a file dropped or picked; its rows go to a draft in pieces, then the preview opens. */
export function BulkUploadPanel() {
  const trpc = useTRPC();
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [isDragging, setIsDragging] = useState(false);
  const createDraft = useMutation(trpc.bulkCredits.createDraft.mutationOptions());
  const addRows = useMutation(trpc.bulkCredits.addRows.mutationOptions());
  const finishUpload = useMutation(trpc.bulkCredits.finishUpload.mutationOptions());

  async function upload(file: File) {
    setError(null);
    const parsed = await parseBulkCsv(file);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    try {
      setProgress({ sent: 0, total: parsed.rows.length });
      const { batchId } = await createDraft.mutateAsync({ fileName: file.name, rowCount: parsed.rows.length, byteCount: parsed.byteCount, columns: parsed.columns });
      for (let start = 0; start < parsed.rows.length; start += BULK_PIECE_ROWS) {
        await addRows.mutateAsync({ batchId, rows: parsed.rows.slice(start, start + BULK_PIECE_ROWS) });
        setProgress({ sent: Math.min(start + BULK_PIECE_ROWS, parsed.rows.length), total: parsed.rows.length });
      }
      await finishUpload.mutateAsync({ batchId });
      router.push(`/credits/bulk/${batchId}`);
    } catch (cause) {
      setProgress(null);
      const message = cause instanceof Error ? cause.message : "The upload failed";
      setError(message);
      toast.error(message);
    }
  }

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setIsDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void upload(file);
  };

  const isBusy = progress !== null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">
          Columns: customer (email or customer id), amount, currency, category, memo, expiry (YYYY-MM-DD, optional), notify (yes/no, optional). Up to 100,000 rows or 20 MB.
        </p>
        <Button variant="secondary" size="sm" onClick={() => downloadText("bulk-credit-template.csv", BULK_TEMPLATE_CSV)}>
          <Download aria-hidden="true" className="h-3.5 w-3.5" />
          Download template
        </Button>
      </div>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setIsDragging(true);
        }}
        onDragLeave={() => setIsDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center gap-2 rounded-lg border-2 border-dashed p-8 text-center ${isDragging ? "border-blue-500 bg-blue-50" : "border-slate-300"}`}
      >
        <Upload aria-hidden="true" className="h-6 w-6 text-slate-400" />
        <p className="text-sm text-slate-700">Drop a CSV file here, or</p>
        <label className="cursor-pointer text-sm font-medium text-blue-700 hover:underline">
          Choose a CSV file
          <input
            ref={inputRef}
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            disabled={isBusy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void upload(file);
              event.target.value = "";
            }}
          />
        </label>
        {progress ? (
          <p role="status" className="text-sm text-slate-600">
            Uploading {progress.sent.toLocaleString("en-US")} of {progress.total.toLocaleString("en-US")} rows…
          </p>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
