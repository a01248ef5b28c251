// The store-credit liability report: what the store owes in credit at an instant, how a period's
// movements carry the opening balance to the closing one, the month-end trend and breakage.
// Every figure is a sum of credit_event (the rolled-up days plus the raw events around them).
import "server-only";
import type { CreditEventType } from "@/prisma/generated/enums";
import type { Db } from "@/server/db/client";
import { findRollupState, listCategoryNames, sumMovements, type MovementQuery, type MovementRow, type RollupState } from "./liability.repo";
import { ROLL_FORWARD_LINES, type LiabilityInput, type RollForwardKey } from "./reports.schema";
import { addUtcDays, addUtcMonths, ceilUtcDay, ceilUtcHour, floorUtcDay, floorUtcHour, isoDay, isoMonth, startOfUtcMonth, utcDayStart } from "./utc-days";

export const LINE_OF_TYPE: Record<CreditEventType, RollForwardKey> = {
  ISSUED: "issued",
  ADJUSTED_UP: "adjustedUp",
  ADJUSTED_DOWN: "adjustedDown",
  VOIDED: "voided",
  EXPIRED: "expired",
  USED: "used",
  USE_REVERSED: "useReversed",
  REFUNDED_TO_CREDIT: "refundedToCredit",
};

/** Each line as a positive amount (the ledger's signs are fixed per type by a constraint). */
export type LineAmounts = Record<RollForwardKey, bigint>;

export type RollForward = { currency: string; openingMinor: bigint; lines: LineAmounts; closingMinor: bigint; isReconciled: boolean };
export type TrendPoint = { month: string; end: Date; currency: string; closingMinor: bigint; lines: LineAmounts };
export type CategoryAmount = { currency: string; categoryId: string; categoryName: string; amountMinor: bigint };

export type LiabilityReport = {
  /** Figures count the events before this instant (the as-of day's end, or now). */
  asOf: Date;
  asOfDay: string;
  period: { from: string; to: string; start: Date; end: Date };
  /** Hours before this are read from the roll-up; null before its first run. */
  closedThrough: Date | null;
  currencies: string[];
  /** Every currency the ledger holds, for the currency filter. */
  availableCurrencies: string[];
  outstanding: { currency: string; amountMinor: bigint }[];
  byCategory: CategoryAmount[];
  rollForward: RollForward[];
  trend: TrendPoint[];
  /** Expired credit per month of the trend and category. */
  breakage: (CategoryAmount & { month: string })[];
};

const zeroLines = (): LineAmounts => Object.fromEntries(ROLL_FORWARD_LINES.map((line) => [line.key, 0n])) as LineAmounts;
const magnitude = (value: bigint) => (value < 0n ? -value : value);
const minDate = (a: Date, b: Date) => (a < b ? a : b);

/**
 * Splits [from, to) into whole rolled-up buckets and the raw edges around them. Bounds snap inward
 * to a bucket's edge: a day before compactedThrough, an hour from it.
 */
export function movementQuery(opts: { from: Date | null; to: Date; rollup: RollupState | null; bucket?: MovementQuery["bucket"] }): MovementQuery {
  const { from, to, rollup } = opts;
  const isDaily = (at: Date) => rollup !== null && at < rollup.compactedThrough;
  const fromText = from ? from.toISOString() : "-infinity";
  const coverFrom = from ? (isDaily(from) ? ceilUtcDay(from) : ceilUtcHour(from)) : null;
  const coverTo = rollup ? minDate(isDaily(to) ? floorUtcDay(to) : floorUtcHour(to), rollup.closedThrough) : null;
  const bucket = opts.bucket ?? "none";
  if (!coverTo || (coverFrom && coverFrom >= coverTo)) {
    return { from: fromText, to: to.toISOString(), coverFrom: to.toISOString(), coverTo: to.toISOString(), bucket };
  }
  return { from: fromText, to: to.toISOString(), coverFrom: coverFrom ? coverFrom.toISOString() : "-infinity", coverTo: coverTo.toISOString(), bucket };
}

/** The instants a report's days stand for, given the clock. */
export function liabilityWindow(input: LiabilityInput, now: Date) {
  const today = isoDay(now);
  const asOfDay = input.asOf ?? today;
  const asOf = minDate(addUtcDays(utcDayStart(asOfDay), 1), now);
  const from = input.from ?? isoMonth(utcDayStart(asOfDay)) + "-01";
  const to = input.to ?? asOfDay;
  const start = minDate(utcDayStart(from), now);
  const end = minDate(addUtcDays(utcDayStart(to), 1), now);
  return { asOf, asOfDay, period: { from, to, start, end: end < start ? start : end } };
}

const sumByCurrency = (rows: MovementRow[]) => {
  const totals = new Map<string, bigint>();
  for (const row of rows) totals.set(row.currency, (totals.get(row.currency) ?? 0n) + row.amountMinor);
  return totals;
};

export async function getLiabilityReport(db: Db, input: LiabilityInput, opts: { now?: Date } = {}): Promise<LiabilityReport> {
  const now = opts.now ?? new Date();
  const { asOf, asOfDay, period } = liabilityWindow(input, now);
  const rollup = await findRollupState(db);
  const trendStart = addUtcMonths(startOfUtcMonth(new Date(asOf.getTime() - 1)), -11);
  const sums = (from: Date | null, to: Date, bucket: MovementQuery["bucket"] = "none") => sumMovements(db, movementQuery({ from, to, rollup, bucket }));

  const [atAsOf, opening, moves, closing, trendOpening, trendMoves, categories] = await Promise.all([
    sums(null, asOf),
    sums(null, period.start),
    sums(period.start, period.end),
    sums(null, period.end),
    sums(null, trendStart),
    sums(trendStart, asOf, "month"),
    listCategoryNames(db),
  ]);
  const isShown = (row: { currency: string }) => !input.currency || row.currency === input.currency;
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  const nameOf = (id: string) => categoryName.get(id) ?? "Unknown category";

  const availableCurrencies = [...new Set([...atAsOf, ...closing, ...trendMoves, ...trendOpening].map((row) => row.currency))].sort();
  const currencies = availableCurrencies.filter((c) => !input.currency || c === input.currency);
  if (input.currency && !currencies.includes(input.currency)) currencies.push(input.currency);

  const outstandingOf = sumByCurrency(atAsOf);
  const outstanding = currencies.map((currency) => ({ currency, amountMinor: outstandingOf.get(currency) ?? 0n }));

  const byCategoryMap = new Map<string, CategoryAmount>();
  for (const row of atAsOf.filter(isShown)) {
    const key = `${row.currency}:${row.categoryId}`;
    const entry = byCategoryMap.get(key) ?? { currency: row.currency, categoryId: row.categoryId, categoryName: nameOf(row.categoryId), amountMinor: 0n };
    entry.amountMinor += row.amountMinor;
    byCategoryMap.set(key, entry);
  }
  const byCategory = [...byCategoryMap.values()].filter((c) => c.amountMinor !== 0n).sort((a, b) => a.currency.localeCompare(b.currency) || Number(b.amountMinor - a.amountMinor));

  const openingOf = sumByCurrency(opening);
  const closingOf = sumByCurrency(closing);
  const rollForward = currencies.map((currency): RollForward => {
    const lines = zeroLines();
    for (const row of moves) if (row.currency === currency) lines[LINE_OF_TYPE[row.type]] += magnitude(row.amountMinor);
    const openingMinor = openingOf.get(currency) ?? 0n;
    const closingMinor = closingOf.get(currency) ?? 0n;
    const carried = ROLL_FORWARD_LINES.reduce((sum, line) => sum + BigInt(line.sign) * lines[line.key], openingMinor);
    return { currency, openingMinor, lines, closingMinor, isReconciled: carried === closingMinor };
  });

  const trendOpeningOf = sumByCurrency(trendOpening);
  const trend: TrendPoint[] = [];
  for (const currency of currencies) {
    let running = trendOpeningOf.get(currency) ?? 0n;
    for (let i = 0; i < 12; i++) {
      const monthStart = addUtcMonths(trendStart, i);
      const month = isoMonth(monthStart);
      const lines = zeroLines();
      for (const row of trendMoves) {
        if (row.currency !== currency || !row.bucket || isoMonth(row.bucket) !== month) continue;
        running += row.amountMinor;
        lines[LINE_OF_TYPE[row.type]] += magnitude(row.amountMinor);
      }
      trend.push({ month, end: minDate(addUtcMonths(monthStart, 1), asOf), currency, closingMinor: running, lines });
    }
  }

  const breakageMap = new Map<string, CategoryAmount & { month: string }>();
  for (const row of trendMoves) {
    if (row.type !== "EXPIRED" || !row.bucket || !isShown(row)) continue;
    const month = isoMonth(row.bucket);
    const key = `${month}:${row.currency}:${row.categoryId}`;
    const entry = breakageMap.get(key) ?? { month, currency: row.currency, categoryId: row.categoryId, categoryName: nameOf(row.categoryId), amountMinor: 0n };
    entry.amountMinor += magnitude(row.amountMinor);
    breakageMap.set(key, entry);
  }
  const breakage = [...breakageMap.values()].sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency) || a.categoryName.localeCompare(b.categoryName));

  return { asOf, asOfDay, period, closedThrough: rollup?.closedThrough ?? null, currencies, availableCurrencies, outstanding, byCategory, rollForward, trend, breakage };
}
