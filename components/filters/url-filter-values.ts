// Reading filter values out of the URL: anything that is not a well-formed value counts as "none
// chosen", so a hand-edited link shows the unfiltered list instead of a refusal.
import { endOfDayFromInput } from "@/components/money";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The URL value when it is one of `values`, else "" (none chosen). */
export const oneOf = <T extends string>(values: readonly T[], value: string | null): T | "" => values.find((v) => v === value) ?? "";
export const dayOf = (value: string | null) => (value && DAY.test(value) ? value : "");
export const uuidOf = (value: string | null) => (value && UUID.test(value) ? value : "");
/** The URL value when it matches `pattern` (and fits `max`), else "". */
export const matchOf = (pattern: RegExp, value: string | null, max = 200) => (value && value.length <= max && pattern.test(value) ? value : "");

/** Days are the viewer's local days: from the first instant of `from` to the last of `to`. */
export const dateRangeInput = (from: string, to: string) => ({
  from: from ? new Date(`${from}T00:00:00`) : undefined,
  to: endOfDayFromInput(to) ?? undefined,
});

export const isRangeReversed = (from: string, to: string) => Boolean(from && to && from > to);
