"use client";
import { Field } from "@/components/ui/field";
import { DateInput } from "@/components/ui/date-input";

type Props = {
  from: string;
  to: string;
  /** Each change: the field's new `YYYY-MM-DD` value, or "" when cleared. */
  onChange: (change: { from?: string; to?: string }) => void;
};

/** From and To day pickers of a list's filters; a To before the From is explained beside To. */
export function DateRangeFilter({ from, to, onChange }: Props) {
  const isReversed = Boolean(from && to && from > to);
  return (
    <>
      <div className="w-36">
        <Field label="From">
          <DateInput value={from} max={to || undefined} onChange={(e) => onChange({ from: e.target.value })} />
        </Field>
      </div>
      <div className="w-36">
        <Field label="To" error={isReversed ? "The end date is before the start date" : undefined}>
          <DateInput value={to} min={from || undefined} onChange={(e) => onChange({ to: e.target.value })} />
        </Field>
      </div>
    </>
  );
}
