// The refunds, send-credits earnings and staff activity reports: grouped sums for a period.
import "server-only";
import type { CreditEventType, RefundReason, RefundType } from "@/prisma/generated/enums";
import type { Db } from "@/server/db/client";
import { earningGroups, oldPendingRefunds, refundGroups, staffApprovalGroups, staffCreditGroups, staffNames, staffRefundGroups, type OldPendingRefund } from "./activity.repo";
import type { PeriodInput } from "./reports.schema";
import { addUtcDays, isoDay, utcDayStart } from "./utc-days";

const DAY_MS = 86_400_000;

/**
 * [start, end) of a period's UTC days; default the last 30 days. The end is not capped at now:
 * nothing is written in the future, and created_at (rounded to the millisecond) can be just ahead of the clock.
 */
export function periodWindow(input: PeriodInput, now: Date) {
  const to = input.to ?? isoDay(now);
  const from = input.from ?? isoDay(addUtcDays(utcDayStart(to), -29));
  const start = utcDayStart(from);
  const dayAfter = addUtcDays(utcDayStart(to), 1);
  return { from, to, start, end: dayAfter };
}

type Count = { count: number; amountMinor: bigint };
const add = (map: Map<string, Count & Record<string, unknown>>, key: string, base: Record<string, unknown>, count: number, amountMinor: bigint) => {
  const entry = map.get(key) ?? { ...base, count: 0, amountMinor: 0n };
  entry.count += count;
  entry.amountMinor += amountMinor;
  map.set(key, entry);
};

export type RefundsReport = {
  period: ReturnType<typeof periodWindow>;
  currencies: string[];
  totals: { currency: string; count: number; amountMinor: bigint; succeeded: number; declined: number; pending: number; declineRate: number | null; averageHoursToRefund: number | null }[];
  byReason: { currency: string; reason: RefundReason; count: number; amountMinor: bigint }[];
  byType: { currency: string; type: RefundType; count: number; amountMinor: bigint }[];
  byStaff: { currency: string; staffId: string | null; staffName: string; count: number; amountMinor: bigint }[];
  byDay: { currency: string; day: string; count: number; amountMinor: bigint }[];
  oldPending: OldPendingRefund[];
};

export async function getRefundsReport(db: Db, input: PeriodInput, opts: { now?: Date } = {}): Promise<RefundsReport> {
  const now = opts.now ?? new Date();
  const period = periodWindow(input, now);
  const [groups, oldPending] = await Promise.all([
    refundGroups(db, { from: period.start, to: period.end }),
    oldPendingRefunds(db, { before: new Date(now.getTime() - DAY_MS), limit: 50 }),
  ]);
  const rows = groups.filter((row) => !input.currency || row.currency === input.currency);
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  const byReason = new Map(), byType = new Map(), byStaff = new Map(), byDay = new Map();
  for (const row of rows) {
    add(byReason, `${row.currency}:${row.reason}`, { currency: row.currency, reason: row.reason }, row.refundCount, row.amountMinor);
    add(byType, `${row.currency}:${row.type}`, { currency: row.currency, type: row.type }, row.refundCount, row.amountMinor);
    add(byStaff, `${row.currency}:${row.staffId}`, { currency: row.currency, staffId: row.staffId, staffName: row.staffName ?? "System" }, row.refundCount, row.amountMinor);
    add(byDay, `${row.currency}:${isoDay(row.day)}`, { currency: row.currency, day: isoDay(row.day) }, row.refundCount, row.amountMinor);
  }
  const totals = currencies.map((currency) => {
    const mine = rows.filter((row) => row.currency === currency);
    const count = (status?: string) => mine.filter((row) => !status || row.status === status).reduce((sum, row) => sum + row.refundCount, 0);
    const [all, succeeded, declined, pending] = [count(), count("SUCCEEDED"), count("FAILED"), count("PENDING")];
    const hours = mine.reduce((sum, row) => sum + row.hoursToRefund, 0);
    return {
      currency,
      count: all,
      amountMinor: mine.reduce((sum, row) => sum + row.amountMinor, 0n),
      succeeded,
      declined,
      pending,
      // Of the refunds settled either way; pending ones are not decided yet.
      declineRate: succeeded + declined > 0 ? declined / (succeeded + declined) : null,
      averageHoursToRefund: all > 0 ? hours / all : null,
    };
  });
  const values = <T,>(map: Map<string, T>) => [...map.values()] as T[];
  return {
    period,
    currencies,
    totals,
    byReason: values(byReason),
    byType: values(byType),
    byStaff: values(byStaff).sort((a, b) => b.count - a.count),
    byDay: values(byDay),
    oldPending: oldPending.filter((row) => !input.currency || row.currency === input.currency),
  };
}

export type EarningsReport = {
  period: ReturnType<typeof periodWindow>;
  currencies: string[];
  totals: { currency: string; revenueMinor: bigint; nonRevenueMinor: bigint; count: number }[];
  byMethod: { currency: string; infrastructureName: string; methodName: string; isRevenue: boolean; count: number; amountMinor: bigint }[];
  byDay: { currency: string; day: string; revenueMinor: bigint; nonRevenueMinor: bigint }[];
};

export async function getEarningsReport(db: Db, input: PeriodInput, opts: { now?: Date } = {}): Promise<EarningsReport> {
  const period = periodWindow(input, opts.now ?? new Date());
  const rows = (await earningGroups(db, { from: period.start, to: period.end })).filter((row) => !input.currency || row.currency === input.currency);
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  const byMethod = new Map();
  const byDay = new Map<string, { currency: string; day: string; revenueMinor: bigint; nonRevenueMinor: bigint }>();
  for (const row of rows) {
    add(
      byMethod,
      `${row.currency}:${row.infrastructureId}:${row.methodId}:${row.isRevenue}`,
      { currency: row.currency, infrastructureName: row.infrastructureName, methodName: row.methodName ?? "No method", isRevenue: row.isRevenue },
      row.paymentCount,
      row.amountMinor,
    );
    const key = `${row.currency}:${isoDay(row.day)}`;
    const day = byDay.get(key) ?? { currency: row.currency, day: isoDay(row.day), revenueMinor: 0n, nonRevenueMinor: 0n };
    if (row.isRevenue) day.revenueMinor += row.amountMinor;
    else day.nonRevenueMinor += row.amountMinor;
    byDay.set(key, day);
  }
  const totals = currencies.map((currency) => {
    const mine = rows.filter((row) => row.currency === currency);
    const sum = (isRevenue: boolean) => mine.filter((row) => row.isRevenue === isRevenue).reduce((s, row) => s + row.amountMinor, 0n);
    return { currency, revenueMinor: sum(true), nonRevenueMinor: sum(false), count: mine.reduce((s, row) => s + row.paymentCount, 0) };
  });
  return { period, currencies, totals, byMethod: [...byMethod.values()], byDay: [...byDay.values()] };
}

export type StaffActivityRow = {
  staffId: string;
  name: string;
  email: string;
  credits: { currency: string; type: CreditEventType; count: number; amountMinor: bigint }[];
  refunds: { currency: string; count: number; amountMinor: bigint; declined: number }[];
  approvalsRequested: number;
  approvalsDecided: number;
  approved: number;
  rejected: number;
};

export async function getStaffActivityReport(db: Db, input: PeriodInput, opts: { now?: Date } = {}) {
  const period = periodWindow(input, opts.now ?? new Date());
  const range = { from: period.start, to: period.end };
  const [credits, refunds, approvals] = await Promise.all([staffCreditGroups(db, range), staffRefundGroups(db, range), staffApprovalGroups(db, range)]);
  const shown = <T extends { currency: string }>(rows: T[]) => rows.filter((row) => !input.currency || row.currency === input.currency);
  const ids = [...new Set([...credits.map((r) => r.staffId), ...refunds.map((r) => r.staffId), ...approvals.map((r) => r.staffId)])];
  const names = new Map((await staffNames(db, ids)).map((s) => [s.id, s]));
  const staff: StaffActivityRow[] = ids.map((staffId) => {
    const mine = shown(refunds).filter((r) => r.staffId === staffId);
    const refundCurrencies = [...new Set(mine.map((r) => r.currency))].sort();
    const approval = approvals.find((a) => a.staffId === staffId);
    return {
      staffId,
      name: names.get(staffId)?.name ?? "Unknown staff member",
      email: names.get(staffId)?.email ?? "",
      credits: shown(credits)
        .filter((c) => c.staffId === staffId)
        .map((c) => ({ currency: c.currency, type: c.type, count: c.eventCount, amountMinor: c.amountMinor < 0n ? -c.amountMinor : c.amountMinor })),
      refunds: refundCurrencies.map((currency) => {
        const rows = mine.filter((r) => r.currency === currency);
        return {
          currency,
          count: rows.reduce((s, r) => s + r.refundCount, 0),
          amountMinor: rows.reduce((s, r) => s + r.amountMinor, 0n),
          declined: rows.filter((r) => r.status === "FAILED").reduce((s, r) => s + r.refundCount, 0),
        };
      }),
      approvalsRequested: approval?.requested ?? 0,
      approvalsDecided: approval?.decided ?? 0,
      approved: approval?.approved ?? 0,
      rejected: approval?.rejected ?? 0,
    };
  });
  staff.sort((a, b) => a.name.localeCompare(b.name));
  return { period, staff };
}
export type StaffActivityReport = Awaited<ReturnType<typeof getStaffActivityReport>>;
