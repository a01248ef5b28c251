"use client";
import { useDates } from "@/components/providers/date-style-context";

/** A date (or a date and time) in the store's style, for server components, which cannot read the context. */
export function DateText({ value, withTime = false }: { value: Date; withTime?: boolean }) {
  const dates = useDates();
  return <>{withTime ? dates.formatDateTime(value) : dates.formatDate(value)}</>;
}
