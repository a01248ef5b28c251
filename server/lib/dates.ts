// Dates as people read them, the same on every page, beside every date field and in every customer
// message: "15 Jan 2027" and "15 Jan 2027, 14:05" (en-GB style, 24-hour clock). This file is the
// one place that turns a Date into text; components/format.ts re-exports it for the UI. Pure and
// client-safe. The store's date style is this constant, not a setting yet (see README).
//
// Intl supplies only the numbers (day, month, year, hour, minute in the wanted time zone), which
// every ICU version writes alike; the month names are ours, because Intl's en-GB short months
// changed between versions ("Sep" / "Sept") and the browser's and the server's ICU differ.

/** The store's date style, named by the locale it follows. */
export const DATE_STYLE = "en-GB";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** `timeZone` undefined: the reader's own zone (pages); "UTC" for text written on the server (customer messages). */
export type DateFormatOptions = { timeZone?: string };

const numberFormats = new Map<string, Intl.DateTimeFormat>();

function partsOf(date: Date, timeZone: string | undefined) {
  const key = timeZone ?? "";
  let cached = numberFormats.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat("en-GB", {
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      ...(timeZone ? { timeZone } : {}),
    });
    numberFormats.set(key, cached);
  }
  const parts = cached.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return { day: Number(part("day")), month: Number(part("month")), year: part("year"), hour: part("hour"), minute: part("minute") };
}

/** "15 Jan 2027" */
export function formatDate(date: Date, options: DateFormatOptions = {}): string {
  const p = partsOf(date, options.timeZone);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** "15 Jan 2027, 14:05" */
export function formatDateTime(date: Date, options: DateFormatOptions = {}): string {
  const p = partsOf(date, options.timeZone);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}, ${p.hour}:${p.minute}`;
}

/** A date input's "YYYY-MM-DD" in the store's style ("2027-01-15" → "15 Jan 2027"); "" for anything else. */
export function formatDateInputValue(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return "";
  const [, year, month, day] = match;
  const monthName = MONTHS[Number(month) - 1];
  return monthName && Number(day) >= 1 && Number(day) <= 31 ? `${Number(day)} ${monthName} ${year}` : "";
}
