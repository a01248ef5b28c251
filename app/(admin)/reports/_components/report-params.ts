"use client";
import { dayOf, matchOf } from "@/components/filters/url-filter-values";
import { useUrlState } from "@/components/use-url-state";

/** A report's date choices and currency as they live in the URL (`asOf`, `from`, `to`, `currency`). */
export function useReportParams() {
  const { params, set } = useUrlState();
  const values = {
    asOf: dayOf(params.get("asOf")),
    from: dayOf(params.get("from")),
    to: dayOf(params.get("to")),
    currency: matchOf(/^[A-Z]{3}$/, params.get("currency"), 3),
  };
  const isRangeReversed = Boolean(values.from && values.to && values.from > values.to);
  return { values, isRangeReversed, change: (changes: Partial<Record<keyof typeof values, string | null>>) => set(changes) };
}

/** Only the values set, as a procedure's input takes them. */
export const definedOnly = <T extends Record<string, string>>(values: T) =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== "")) as Partial<T>;

/** Minor units as a number of major units, for chart geometry only (tables show the exact amounts). */
export const chartNumber = (amountMinor: bigint, exponent: number) => Number(amountMinor) / 10 ** exponent;
