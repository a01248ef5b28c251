// The UI's dates: one format everywhere, in the store's date style (server/lib/dates.ts, also used
// by customer messages), read from the admin layout's context. Server components render <DateText>.
export { useDates, useDateStyle } from "@/components/providers/date-style-context";
export { DateText } from "@/components/date-text";
