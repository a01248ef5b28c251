import { formatMoney } from "@/server/lib/money";

export type MoneyLike = { amountMinor: bigint; currency: string };

export const money = (m: MoneyLike) => formatMoney(m.amountMinor, m.currency);

/** "+$5.00" / "−$5.00" for ledger amounts. */
export function signedMoney(m: MoneyLike): string {
  const text = formatMoney(m.amountMinor < 0n ? -m.amountMinor : m.amountMinor, m.currency);
  return m.amountMinor < 0n ? `−${text}` : `+${text}`;
}

/** A date input's "YYYY-MM-DD" as the last instant of that day, local time. */
export const endOfDayFromInput = (value: string) => (value ? new Date(`${value}T23:59:59.999`) : null);
