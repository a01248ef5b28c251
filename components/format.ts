// The UI's dates: one format everywhere, from server/lib/dates.ts (also used by customer messages).
export { formatDate, formatDateTime, formatDateInputValue } from "@/server/lib/dates";
