"use client";
import type { ReactNode } from "react";
import { Printer } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DateInput } from "@/components/ui/date-input";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { useReportParams } from "./report-params";

type Props = {
  params: ReturnType<typeof useReportParams>;
  /** Show the "As of" day (the liability report). */
  hasAsOf?: boolean;
  currencies: string[];
  /** The export button. */
  children?: ReactNode;
};

/** A report's dates and currency (kept in the URL), its CSV export and Print. */
export function ReportControls({ params, hasAsOf, currencies, children }: Props) {
  const { values, change, isRangeReversed } = params;
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3 print:hidden">
      {hasAsOf ? (
        <div className="w-40">
          <Field label="As of" hint="End of this day (UTC)">
            <DateInput value={values.asOf} onChange={(e) => change({ asOf: e.target.value })} />
          </Field>
        </div>
      ) : null}
      <div className="w-40">
        <Field label="Period from">
          <DateInput value={values.from} max={values.to || undefined} onChange={(e) => change({ from: e.target.value })} />
        </Field>
      </div>
      <div className="w-40">
        <Field label="Period to" error={isRangeReversed ? "The end date is before the start date" : undefined}>
          <DateInput value={values.to} min={values.from || undefined} onChange={(e) => change({ to: e.target.value })} />
        </Field>
      </div>
      <div className="w-40">
        <Field label="Currency">
          <Select value={values.currency} onChange={(e) => change({ currency: e.target.value })}>
            <option value="">All currencies</option>
            {[...new Set([...currencies, ...(values.currency ? [values.currency] : [])])].map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="ml-auto flex gap-2">
        {children}
        <Button size="sm" variant="secondary" onClick={() => window.print()}>
          <Printer aria-hidden="true" className="h-3.5 w-3.5" />
          Print
        </Button>
      </div>
    </div>
  );
}
