// The refunds, earnings and staff activity reports against sums of the rows themselves, on a
// database of their own; and who may read them (the permission matrix calls every procedure).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import type { ServiceContext } from "@/server/lib/service-context";
import { newPaymentReference, paymentInsertSql } from "@/server/modules/payments/payments.repo";
import { issueTestCredit, serviceContextAs } from "@/tests/factories/credits";
import { createCustomer } from "@/tests/factories/customers";
import { createTestPayment } from "@/tests/factories/payments";
import { refundTestPayment } from "@/tests/factories/refunds";
import { callerAs } from "@/tests/factories/staff";
import { outcomeOf } from "@/tests/helpers/trpc-errors";
import { createEmptyPostgres, openScratchPglite } from "@/tests/helpers/test-db";
import { getEarningsReport, getRefundsReport, getStaffActivityReport } from "./activity-reports";
import { getDashboard } from "./dashboard";

let db: Db;
let close: () => Promise<void>;
let admin: ServiceContext;
let manager: ServiceContext;

beforeAll(async () => {
  const scratch = await createEmptyPostgres();
  if (scratch) {
    await applyMigrations(scratch.target);
    const opened = await createDb(scratch.target);
    db = opened.db;
    close = async () => {
      await opened.close();
      await scratch.destroy();
    };
  } else {
    ({ db, close } = await openScratchPglite());
  }
  admin = await serviceContextAs(db, "ADMIN");
  manager = await serviceContextAs(db, "MANAGER");
}, 120_000);
afterAll(() => close());

const MANUAL = "01900000-0000-7000-8000-000000000301";
const ADMIN_ENTRY = "01900000-0000-7000-8000-000000000401";

describe("activity reports", () => {
  it("sum refunds by reason, type, staff member and day, with decline rate and old pending ones", async () => {
    const customer = await createCustomer(db);
    const payments = await Promise.all([1, 2, 3].map(() => createTestPayment(db, { customerId: customer.id, amountMinor: 10_000n, currency: "USD", methodKind: "CARD" })));
    await refundTestPayment(admin, payments[0]!.id, { amount: "12.50" });
    await refundTestPayment(manager, payments[1]!.id, { amount: "3.00", type: "STORE_CREDIT", reason: "PRODUCT_DEFECTIVE" });
    await refundTestPayment(manager, payments[2]!.id, { amount: "4.00", reason: "DUPLICATE" });

    const report = await getRefundsReport(db, {});
    const all = await db.refund.findMany();
    expect(report.totals).toHaveLength(1);
    const total = report.totals[0]!;
    expect(total).toMatchObject({ currency: "USD", count: all.length, amountMinor: all.reduce((s, r) => s + r.amountMinor, 0n) });
    expect(total.succeeded + total.declined + total.pending).toBe(all.length);
    expect(report.byType.find((t) => t.type === "STORE_CREDIT")).toMatchObject({ count: 1, amountMinor: 300n });
    expect(report.byReason.find((r) => r.reason === "DUPLICATE")).toMatchObject({ count: 1, amountMinor: 400n });
    expect(report.byStaff.find((s) => s.staffId === manager.actor.id)).toMatchObject({ count: 2, amountMinor: 700n });
    expect(report.byDay.reduce((s, d) => s + d.count, 0)).toBe(all.length);
    expect(total.averageHoursToRefund).toBeGreaterThanOrEqual(0);
    // Nothing is a day old yet.
    expect(report.oldPending).toEqual([]);
    // Another period holds none of them.
    expect((await getRefundsReport(db, { from: "2001-01-01", to: "2001-01-31" })).totals).toEqual([]);
  });

  it("sums send-credits earnings per infrastructure and method, real revenue apart from the rest", async () => {
    const customer = await createCustomer(db);
    for (const [amountMinor, isRevenue] of [
      [500n, true],
      [700n, true],
      [250n, false],
    ] as const) {
      await db.$executeRaw(
        paymentInsertSql({
          id: randomUUID(), reference: newPaymentReference(), customerId: customer.id, amountMinor, currency: "EUR", methodKind: "MANUAL",
          infrastructureId: MANUAL, methodId: ADMIN_ENTRY, isRevenue, description: "Earning", createdById: admin.actor.id,
          cardBrand: null, cardLast4: null, gatewayName: null,
        }),
      );
    }
    const report = await getEarningsReport(db, { currency: "EUR" });
    expect(report.totals).toEqual([{ currency: "EUR", revenueMinor: 1200n, nonRevenueMinor: 250n, count: 3 }]);
    expect(report.byMethod).toContainEqual({ currency: "EUR", infrastructureName: "Manual", methodName: "Admin entry", isRevenue: false, count: 1, amountMinor: 250n });
  });

  it("counts credits and refunds per staff member", async () => {
    const customer = await createCustomer(db);
    await issueTestCredit(manager, customer.id, { amount: "20.00" });
    const report = await getStaffActivityReport(db, { currency: "USD" });
    const row = report.staff.find((s) => s.staffId === manager.actor.id)!;
    expect(row.credits).toContainEqual({ currency: "USD", type: "ISSUED", count: 1, amountMinor: 2000n });
    expect(row.refunds).toEqual([{ currency: "USD", count: 2, amountMinor: 700n, declined: expect.any(Number) as number }]);
  });

  it("gives the dashboard the refund figures of the refund rows themselves: today, 30 days, declined, pending, per day", async () => {
    const customer = await createCustomer(db);
    const payments = await Promise.all([1, 2].map(() => createTestPayment(db, { customerId: customer.id, amountMinor: 5_000n, currency: "USD", methodKind: "CARD" })));
    await refundTestPayment(admin, payments[0]!.id, { amount: "7.25" });
    await refundTestPayment(manager, payments[1]!.id, { amount: "2.00", type: "STORE_CREDIT" });

    const dashboard = await getDashboard(db, admin.actor);
    const all = await db.refund.findMany();
    for (const currency of new Set(all.map((r) => r.currency))) {
      const mine = all.filter((r) => r.currency === currency);
      const figures = dashboard.currencies.find((c) => c.currency === currency)!.refunds;
      const amount = (rows: typeof mine) => rows.reduce((s, r) => s + r.amountMinor, 0n);
      // Every refund here was made today, so today, the 30 days and the days' sum are the same.
      expect(figures.last30).toEqual({
        count: mine.length,
        amountMinor: amount(mine),
        declined: mine.filter((r) => r.status === "FAILED").length,
        pending: mine.filter((r) => r.status === "PENDING").length,
      });
      expect(figures.today).toEqual({ count: mine.length, amountMinor: amount(mine) });
      expect(figures.days.reduce((s, d) => s + d.count, 0)).toBe(mine.length);
      expect(figures.days.at(-1)).toMatchObject({ count: mine.length, amountMinor: amount(mine) });
    }
  });

  it("lets a viewer read reports but not staff activity, and refuses a support agent", async () => {
    const { caller: viewer } = await callerAs(db, "VIEWER");
    await expect(viewer.reports.liability({})).resolves.toMatchObject({ currencies: expect.any(Array) as unknown });
    expect(await outcomeOf(viewer.reports.staffActivity({}))).toBe("FORBIDDEN");
    const { caller: support } = await callerAs(db, "SUPPORT_AGENT");
    expect(await outcomeOf(support.reports.liability({}))).toBe("FORBIDDEN");
    expect(await outcomeOf(support.reports.refunds({}))).toBe("FORBIDDEN");
  });
});

describe("balance over time", () => {
  it("draws the balance after each of the customer's events, per currency, oldest first", async () => {
    const customer = await createCustomer(db);
    await issueTestCredit(admin, customer.id, { amount: "5.00" });
    await issueTestCredit(admin, customer.id, { amount: "2.50" });
    await issueTestCredit(admin, customer.id, { amount: "100", currency: "JPY" });
    const { caller } = await callerAs(db, "SUPPORT_AGENT");
    const history = await caller.credits.balanceHistory({ customerId: customer.id });
    expect(history.currencies.map((c) => [c.currency, c.points.map((p) => p.balanceMinor)])).toEqual([
      ["JPY", [100n]],
      ["USD", [500n, 750n]],
    ]);
  });
});
