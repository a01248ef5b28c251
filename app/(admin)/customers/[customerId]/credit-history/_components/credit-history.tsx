"use client";
import { useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { DateInput } from "@/components/ui/date-input";
import { Select } from "@/components/ui/select";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { CreditOperationsTable } from "@/components/credit-operations-table";
import { useCreditOptions } from "@/components/forms/use-credit-options";
import { useUrlState } from "@/components/use-url-state";
import { downloadText } from "@/components/download-text";
import { CREDIT_EVENT_LABELS, CREDIT_EVENT_TYPES } from "@/server/modules/credits/credits.schema";
import { CursorPager } from "@/components/ui/cursor-pager";
import { LabelOptions } from "@/components/ui/label-options";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Every change to the customer's store credit, one line per operation, newest first; the filters live in the URL. */
export function CreditHistory({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useCreditOptions();
  const { params, set } = useUrlState();
  const [isExporting, setIsExporting] = useState(false);

  const currency = params.get("currency") ?? "";
  const type = CREDIT_EVENT_TYPES.find((t) => t === params.get("type"));
  const fromDay = DAY.test(params.get("from") ?? "") ? params.get("from")! : "";
  const toDay = DAY.test(params.get("to") ?? "") ? params.get("to")! : "";
  const filters = {
    customerId,
    currency: currency || undefined,
    types: type ? [type] : undefined,
    from: fromDay ? new Date(`${fromDay}T00:00:00`) : undefined,
    to: toDay ? new Date(`${toDay}T23:59:59.999`) : undefined,
  };
  const cursor = params.get("cursor");
  const history = useQuery({
    ...trpc.credits.history.queryOptions({ ...filters, cursor, limit: 50 }),
    placeholderData: keepPreviousData,
  });
  const filter = (changes: Record<string, string | null>) => set({ ...changes, cursor: null });

  async function exportCsv() {
    setIsExporting(true);
    try {
      const result = await queryClient.fetchQuery(trpc.credits.historyCsv.queryOptions(filters));
      downloadText(result.filename, result.csv);
      toast.success(
        result.isTruncated ? `Exported the newest ${result.rowCount} history lines; narrow the filters for older ones` : `Exported ${result.rowCount} history lines`,
      );
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "The export failed");
    } finally {
      setIsExporting(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Credit history</CardTitle>
        <Button size="sm" variant="secondary" onClick={() => void exportCsv()} disabled={isExporting}>
          <Download aria-hidden="true" className="h-3.5 w-3.5" />
          {isExporting ? "Exporting…" : "Export CSV"}
        </Button>
      </CardHeader>
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-2.5">
        <label className="space-y-1 text-xs font-medium text-slate-700">
          <span className="block">Currency</span>
          <Select value={currency} onChange={(e) => filter({ currency: e.target.value })} className="w-28">
            <option value="">All</option>
            {options.data?.currencies.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code}
              </option>
            ))}
          </Select>
        </label>
        <label className="space-y-1 text-xs font-medium text-slate-700">
          <span className="block">Type</span>
          <Select value={type ?? ""} onChange={(e) => filter({ type: e.target.value })} className="w-44">
            <option value="">All types</option>
            <LabelOptions values={CREDIT_EVENT_TYPES} labels={CREDIT_EVENT_LABELS} />
          </Select>
        </label>
        <label className="space-y-1 text-xs font-medium text-slate-700">
          <span className="block">From</span>
          <DateInput value={fromDay} onChange={(e) => filter({ from: e.target.value })} className="w-40" />
        </label>
        <label className="space-y-1 text-xs font-medium text-slate-700">
          <span className="block">To</span>
          <DateInput value={toDay} onChange={(e) => filter({ to: e.target.value })} className="w-40" />
        </label>
        {currency || type || fromDay || toDay ? (
          <Button size="sm" variant="ghost" onClick={() => filter({ currency: null, type: null, from: null, to: null })}>
            Clear filters
          </Button>
        ) : null}
      </div>
      {history.isPending ? (
        <LoadingRows label="Loading credit history" />
      ) : history.isError ? (
        <ErrorState title="The credit history could not be loaded">{history.error.message}</ErrorState>
      ) : history.data.items.length === 0 ? (
        <EmptyState title="No credit history">
          {currency || type || fromDay || toDay ? "Nothing matches these filters." : "Every change to this customer’s store credit will be listed here, newest first."}
        </EmptyState>
      ) : (
        <>
          <CreditOperationsTable operations={history.data.items} label="Credit history" customerId={customerId} />
          <CursorPager cursor={cursor} nextCursor={history.data.nextCursor} onPage={(next) => set({ cursor: next })} />
        </>
      )}
    </Card>
  );
}
