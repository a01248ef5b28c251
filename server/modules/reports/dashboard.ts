// The dashboard's figures: outstanding credit now, the last 30 days' movements and refunds with a
// daily trend each, what waits for someone, and (for roles that read the audit log) recent activity.
import "server-only";
import type { Db } from "@/server/db/client";
import type { Actor } from "@/server/lib/service-context";
import { listAuditRows } from "@/server/modules/audit/audit.repo";
import { dashboardCounts, dashboardRefundDays } from "./dashboard.repo";
import { findRollupState, sumMovements } from "./liability.repo";
import { LINE_OF_TYPE, movementQuery } from "./liability-report";
import type { RollForwardKey } from "./reports.schema";
import { addUtcDays, floorUtcDay, isoDay } from "./utc-days";

const SHOWN_LINES = ["issued", "used", "expired", "voided"] as const satisfies readonly RollForwardKey[];
type ShownLine = (typeof SHOWN_LINES)[number];

export type DashboardDay = { day: string; closingMinor: bigint } & Record<ShownLine, bigint>;
export type DashboardCurrency = {
  currency: string;
  outstandingMinor: bigint;
  today: Record<ShownLine, bigint>;
  last30: Record<ShownLine, bigint>;
  days: DashboardDay[];
  refunds: { today: { count: number; amountMinor: bigint }; last30: { count: number; amountMinor: bigint; declined: number; pending: number }; days: { day: string; count: number; amountMinor: bigint }[] };
};

const zero = () => ({ issued: 0n, used: 0n, expired: 0n, voided: 0n });
const isShownLine = (key: RollForwardKey): key is ShownLine => (SHOWN_LINES as readonly string[]).includes(key);

export async function getDashboard(db: Db, actor: Actor, opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const today = floorUtcDay(now);
  const start = addUtcDays(today, -29);
  const rollup = await findRollupState(db);
  const canReadAudit = actor.permissions.includes("audit:read");
  const [opening, moves, refunds, counts, recent] = await Promise.all([
    sumMovements(db, movementQuery({ from: null, to: start, rollup })),
    sumMovements(db, movementQuery({ from: start, to: now, rollup, bucket: "day" })),
    dashboardRefundDays(db, { from: start, to: addUtcDays(today, 1) }),
    dashboardCounts(db),
    canReadAudit ? listAuditRows(db, { filters: {}, before: null, limit: 8 }) : Promise.resolve([]),
  ]);
  const days = Array.from({ length: 30 }, (_, i) => isoDay(addUtcDays(start, i)));
  const currencies = [...new Set([...opening, ...moves, ...refunds].map((row) => row.currency))].sort();
  const perCurrency = currencies.map((currency): DashboardCurrency => {
    let running = opening.filter((r) => r.currency === currency).reduce((s, r) => s + r.amountMinor, 0n);
    const last30 = zero();
    const todays = zero();
    const dayRows = days.map((day) => {
      const row: DashboardDay = { day, closingMinor: 0n, ...zero() };
      for (const m of moves) {
        if (m.currency !== currency || !m.bucket || isoDay(m.bucket) !== day) continue;
        running += m.amountMinor;
        const key = LINE_OF_TYPE[m.type];
        if (!isShownLine(key)) continue;
        const amount = m.amountMinor < 0n ? -m.amountMinor : m.amountMinor;
        row[key] += amount;
        last30[key] += amount;
        if (day === isoDay(today)) todays[key] += amount;
      }
      row.closingMinor = running;
      return row;
    });
    const mine = refunds.filter((r) => r.currency === currency);
    const sum = (rows: typeof mine) => ({ count: rows.reduce((s, r) => s + r.refundCount, 0), amountMinor: rows.reduce((s, r) => s + r.amountMinor, 0n) });
    return {
      currency,
      outstandingMinor: running,
      today: todays,
      last30,
      days: dayRows,
      refunds: {
        today: sum(mine.filter((r) => isoDay(r.day) === isoDay(today))),
        last30: {
          ...sum(mine),
          declined: mine.filter((r) => r.status === "FAILED").reduce((s, r) => s + r.refundCount, 0),
          pending: mine.filter((r) => r.status === "PENDING").reduce((s, r) => s + r.refundCount, 0),
        },
        days: days.map((day) => ({ day, ...sum(mine.filter((r) => isoDay(r.day) === day)) })),
      },
    };
  });
  return {
    asOf: now,
    currencies: perCurrency,
    ...counts,
    recentActivity: recent.map((row) => ({ id: row.id, createdAt: row.createdAt, action: row.action, actorName: row.actorName, customerId: row.customerId, customerName: row.customerName })),
    canReadAudit,
  };
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
