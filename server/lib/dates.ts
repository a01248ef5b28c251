// Dates as people read them, the same on every page, beside every date field and in every customer
// message, in the store's date style (Settings → Date style, `store_setting.date_style`):
//   en-GB  "15 Jan 2027"   "15 Jan 2027, 14:05"   (the default; 24-hour clock)
//   en-US  "Jan 15, 2027"  "Jan 15, 2027, 2:05 PM" (12-hour clock)
//   ISO    "2027-01-15"    "2027-01-15 14:05"      (24-hour clock)
// This file is the one place that turns a Date into text; pages get the style from the admin
// layout's context (components/providers/date-style-context.tsx). Pure and client-safe.
//
// Intl supplies only the numbers (day, month, year, hour, minute in the wanted time zone), which
// every ICU version writes alike; the month names and the clock are ours, because Intl's short
// months changed between versions ("Sep" / "Sept") and the browser's and the server's ICU differ.

/** The date styles a store can choose, named by the convention they follow. */
export const DATE_STYLES = ["en-GB", "en-US", "ISO"] as const;
export type DateStyle = (typeof DATE_STYLES)[number];

/** A new store's style (and the column default of store_setting.date_style). */
export const DEFAULT_DATE_STYLE: DateStyle = "en-GB";

export const isDateStyle = (value: unknown): value is DateStyle => DATE_STYLES.includes(value as DateStyle);

/** How the Settings page names each style: an example day and the clock it uses. */
export const DATE_STYLE_LABELS: Record<DateStyle, string> = {
  "en-GB": "15 Jan 2027, 14:05 (day month year, 24-hour clock)",
  "en-US": "Jan 15, 2027, 2:05 PM (month day year, 12-hour clock)",
  ISO: "2027-01-15 14:05 (ISO 8601, 24-hour clock)",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** `timeZone` undefined: the reader's own zone (pages); "UTC" for text written on the server (customer messages). */
export type DateFormatOptions = { style: DateStyle; timeZone?: string };

type DayParts = { day: number; month: number; year: number };

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
  return { day: Number(part("day")), month: Number(part("month")), year: Number(part("year")), hour: Number(part("hour")), minute: Number(part("minute")) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function dayText({ day, month, year }: DayParts, style: DateStyle): string {
  switch (style) {
    case "en-US":
      return `${MONTHS[month - 1]} ${day}, ${year}`;
    case "ISO":
      return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
    default:
      return `${day} ${MONTHS[month - 1]} ${year}`;
  }
}

function timeText(hour: number, minute: number, style: DateStyle): string {
  if (style === "en-US") return `${hour % 12 || 12}:${pad(minute)} ${hour < 12 ? "AM" : "PM"}`;
  return `${pad(hour)}:${pad(minute)}`;
}

/** "15 Jan 2027" (en-GB), "Jan 15, 2027" (en-US), "2027-01-15" (ISO) */
export function formatDate(date: Date, options: DateFormatOptions): string {
  return dayText(partsOf(date, options.timeZone), options.style);
}

/** "15 Jan 2027, 14:05" (en-GB), "Jan 15, 2027, 2:05 PM" (en-US), "2027-01-15 14:05" (ISO) */
export function formatDateTime(date: Date, options: DateFormatOptions): string {
  const p = partsOf(date, options.timeZone);
  return `${dayText(p, options.style)}${options.style === "ISO" ? " " : ", "}${timeText(p.hour, p.minute, options.style)}`;
}

/** A date input's "YYYY-MM-DD" in the store's style ("2027-01-15" → "15 Jan 2027"); "" for anything else. */
export function formatDateInputValue(value: string, style: DateStyle): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return "";
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? dayText({ day, month, year }, style) : "";
}
