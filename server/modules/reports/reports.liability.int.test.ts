// Brute force: every liability and aging figure equals a TypeScript sum over the raw ledger, for
// random instants and periods, before the first roll-up, with a stale one and with a current one.
// Runs on a database of its own, so the whole ledger is this test's.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import type { ServiceContext } from "@/server/lib/service-context";
import { expireCredits } from "@/server/modules/credits/expire-credits";
import { reverseSpend, spendCredit } from "@/server/modules/credits/spend-credit";
import { voidCredit } from "@/server/modules/credits/void-credit";
import { DEFAULT_CATEGORY_IDS, DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";
import { backdateExpiry, issueTestCredit, newKey, serviceContextAs } from "@/tests/factories/credits";
import { createCustomer } from "@/tests/factories/customers";
import { createEmptyPostgres, openScratchPglite } from "@/tests/helpers/test-db";
import { getAgingReport } from "./aging-report";
import { getDashboard } from "./dashboard";
import { rebuildLedgerRollup, rollupLedger } from "./ledger-rollup";
import { LINE_OF_TYPE, getLiabilityReport } from "./liability-report";
import { ROLL_FORWARD_LINES } from "./reports.schema";
import { addUtcDays, addUtcMonths, isoDay, isoMonth, startOfUtcMonth, utcDayStart } from "./utc-days";
import type { CreditEventType } from "@/prisma/generated/enums";

let db: Db;
let close: () => Promise<void>;
let admin: ServiceContext;

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
}, 120_000);
afterAll(() => close());

// A seeded generator, so a failure can be replayed with the seed it prints.
const SEED = Number(process.env.REPORTS_TEST_SEED ?? Date.now() % 1_000_000);
let state = SEED;
const random = () => {
  state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
  return state / 2_147_483_648;
};
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T,>(items: readonly T[]): T => items[between(0, items.length - 1)]!;

const CURRENCIES = ["USD", "EUR", "JPY"] as const;
const CATEGORIES = [DEFAULT_CATEGORY_IDS.goodwill, DEFAULT_CATEGORY_IDS.loyaltyReward, DEFAULT_CATEGORY_IDS.promotion];
const DAY = 86_400_000;

type Event = { at: Date; currency: string; type: CreditEventType; amountMinor: bigint; categoryId: string; creditCreatedAt: Date; expiresAt: Date | null; creditId: string };

/**
 * Past history written straight into the ledger (as an import would): credits over the last 15
 * months. Past expiries are marked processed (with or without an EXPIRED event), so the expiry run leaves them.
 */
async function writeHistory(now: Date, credits: number) {
  for (let i = 0; i < credits; i++) {
    const customer = await createCustomer(db);
    const currency = pick(CURRENCIES);
    const categoryId = pick(CATEGORIES);
    const createdAt = new Date(now.getTime() - between(0, 450 * 24) * 3_600_000 - between(0, 3_599_999));
    const expiresAt = random() < 0.4 ? null : new Date(createdAt.getTime() + between(1, 400) * DAY);
    let t = createdAt.getTime();
    const later = () => (t = Math.min(now.getTime() - 1, t + between(0, 60) * DAY + between(0, DAY)));
    const issued = BigInt(between(100, 50_000));
    const events: { type: CreditEventType; amountMinor: bigint; at: Date }[] = [{ type: "ISSUED", amountMinor: issued, at: new Date(t) }];
    let amount = issued;
    let used = 0n;
    let removed = 0n;
    for (let n = between(0, 5); n > 0; n--) {
      const remaining = amount - used - removed;
      const kind = pick(["USED", "USED", "USE_REVERSED", "ADJUSTED_UP", "ADJUSTED_DOWN"] as const);
      if (kind === "USED" && remaining > 0n) {
        const part = BigInt(between(1, Number(remaining)));
        used += part;
        events.push({ type: "USED", amountMinor: -part, at: new Date(later()) });
      } else if (kind === "USE_REVERSED" && used > 0n) {
        const part = BigInt(between(1, Number(used)));
        used -= part;
        events.push({ type: "USE_REVERSED", amountMinor: part, at: new Date(later()) });
      } else if (kind === "ADJUSTED_UP") {
        const part = BigInt(between(1, 5_000));
        amount += part;
        events.push({ type: "ADJUSTED_UP", amountMinor: part, at: new Date(later()) });
      } else if (kind === "ADJUSTED_DOWN" && remaining > 0n) {
        const part = BigInt(between(1, Number(remaining)));
        amount -= part;
        events.push({ type: "ADJUSTED_DOWN", amountMinor: -part, at: new Date(later()) });
      }
    }
    const end = random();
    const remaining = amount - used - removed;
    let voidedAt: Date | null = null;
    if (remaining > 0n && end < 0.2) {
      voidedAt = new Date(later());
      events.push({ type: "VOIDED", amountMinor: -remaining, at: voidedAt });
      removed += remaining;
    } else if (remaining > 0n && end < 0.4 && expiresAt && expiresAt.getTime() > t && expiresAt < now) {
      events.push({ type: "EXPIRED", amountMinor: -remaining, at: expiresAt });
      removed += remaining;
    }
    const creditId = randomUUID();
    await db.$executeRaw`INSERT INTO store_credit (id, customer_id, currency, amount_minor, used_minor, removed_minor, category_id, expires_at, created_at, updated_at, voided_at, void_reason, expiry_processed_at)
      VALUES (${creditId}::uuid, ${customer.id}::uuid, ${currency}, ${amount}, ${used}, ${removed}, ${categoryId}::uuid, ${expiresAt}, ${createdAt}, ${createdAt},
              ${voidedAt}, ${voidedAt ? "Imported" : null}, ${expiresAt && expiresAt < now ? expiresAt : null})`;
    let balance = 0n;
    for (const event of events) {
      balance += event.amountMinor;
      await db.$executeRaw`INSERT INTO credit_event (id, customer_id, currency, credit_id, type, amount_minor, balance_after_minor, operation_id, created_at)
        VALUES (${randomUUID()}::uuid, ${customer.id}::uuid, ${currency}, ${creditId}::uuid, ${event.type}::"CreditEventType", ${event.amountMinor}, ${balance}, ${randomUUID()}::uuid, ${event.at})`;
    }
  }
}

/** Today's operations through the real services: grants, spends, a reversal, a void and an expiry run. */
async function runServiceMix(rounds: number) {
  for (let i = 0; i < rounds; i++) {
    const customer = await createCustomer(db);
    const currency = pick(["USD", "EUR"] as const);
    const first = await issueTestCredit(admin, customer.id, { currency, amount: `${between(5, 90)}.${between(10, 99)}`, categoryId: pick(CATEGORIES) });
    const second = await issueTestCredit(admin, customer.id, { currency, amount: `${between(1, 40)}.00`, expiresAt: new Date(Date.now() + 30 * DAY) });
    const spent = await spendCredit({ db, actor: null }, { idempotencyKey: newKey(), customerId: customer.id, currency, amountMinor: BigInt(between(1, 400)), reference: "Order" });
    if (random() < 0.5) await reverseSpend({ db, actor: null }, { idempotencyKey: newKey(), spendOperationId: spent.operationId, amountMinor: 1n });
    if (random() < 0.5) await voidCredit(admin, { idempotencyKey: newKey(), creditId: first.creditId, reasonId: DEFAULT_REASON_IDS.other, note: null });
    else await backdateExpiry(db, second.creditId);
  }
  await expireCredits({ db });
}

async function ledger(): Promise<Event[]> {
  const rows = await db.$queryRaw<(Omit<Event, "amountMinor"> & { amountMinor: bigint })[]>`
    SELECT e.created_at AS "at", e.currency::text AS "currency", e.type::text AS "type", e.amount_minor AS "amountMinor",
           sc.category_id::text AS "categoryId", sc.created_at AS "creditCreatedAt", sc.expires_at AS "expiresAt", sc.id::text AS "creditId"
    FROM credit_event e JOIN store_credit sc ON sc.id = e.credit_id`;
  return rows;
}

const sumWhere = (events: Event[], keep: (e: Event) => boolean) => events.filter(keep).reduce((sum, e) => sum + e.amountMinor, 0n);
const abs = (v: bigint) => (v < 0n ? -v : v);

/** A random UTC day from before the first event to after today, with the edges always included. */
function randomDays(now: Date, count: number): string[] {
  const days = [isoDay(now), isoDay(addUtcDays(now, 3)), isoDay(addUtcDays(now, -500)), isoDay(addUtcDays(now, -1))];
  while (days.length < count) days.push(isoDay(addUtcDays(now, -between(0, 470))));
  return days;
}

async function expectExact(now: Date, label: string) {
  const events = await ledger();
  const currencies = [...new Set(events.map((e) => e.currency))].sort();
  for (const asOfDay of randomDays(now, 10)) {
    const fromDay = isoDay(addUtcDays(utcDayStart(asOfDay), -between(0, 120)));
    const report = await getLiabilityReport(db, { asOf: asOfDay, from: fromDay, to: asOfDay }, { now });
    const before = (instant: Date) => (e: Event) => e.at < instant;
    const context = `${label}, seed ${SEED}, as of ${asOfDay}, from ${fromDay}`;
    expect(report.asOf.getTime(), context).toBe(Math.min(addUtcDays(utcDayStart(asOfDay), 1).getTime(), now.getTime()));
    for (const currency of currencies) {
      const outstanding = report.outstanding.find((o) => o.currency === currency)?.amountMinor ?? 0n;
      expect(outstanding, context).toBe(sumWhere(events, (e) => e.currency === currency && e.at < report.asOf));
      for (const categoryId of CATEGORIES) {
        const shown = report.byCategory.find((c) => c.currency === currency && c.categoryId === categoryId)?.amountMinor ?? 0n;
        expect(shown, context).toBe(sumWhere(events, (e) => e.currency === currency && e.categoryId === categoryId && e.at < report.asOf));
      }
      const rf = report.rollForward.find((r) => r.currency === currency);
      const inPeriod = (e: Event) => e.currency === currency && e.at >= report.period.start && e.at < report.period.end;
      expect(rf?.openingMinor ?? 0n, context).toBe(sumWhere(events, (e) => e.currency === currency && before(report.period.start)(e)));
      expect(rf?.closingMinor ?? 0n, context).toBe(sumWhere(events, (e) => e.currency === currency && before(report.period.end)(e)));
      for (const line of ROLL_FORWARD_LINES) {
        const expected = abs(sumWhere(events, (e) => inPeriod(e) && LINE_OF_TYPE[e.type] === line.key));
        expect(rf?.lines[line.key] ?? 0n, `${context}, ${line.label}`).toBe(expected);
      }
      if (rf) expect(rf.isReconciled, context).toBe(true);
      // Month ends: the balance before each month's end (or the as-of instant), for 12 months.
      const trendStart = addUtcMonths(startOfUtcMonth(new Date(report.asOf.getTime() - 1)), -11);
      const points = report.trend.filter((p) => p.currency === currency);
      if (points.length > 0) {
        expect(points.map((p) => p.month), context).toEqual(Array.from({ length: 12 }, (_, i) => isoMonth(addUtcMonths(trendStart, i))));
        for (const p of points) expect(p.closingMinor, `${context}, ${p.month}`).toBe(sumWhere(events, (e) => e.currency === currency && e.at < p.end));
      }
      for (let i = 0; i < 12; i++) {
        const month = isoMonth(addUtcMonths(trendStart, i));
        for (const categoryId of CATEGORIES) {
          const shown = report.breakage.find((b) => b.month === month && b.currency === currency && b.categoryId === categoryId)?.amountMinor ?? 0n;
          const expected = abs(sumWhere(events, (e) => e.type === "EXPIRED" && e.currency === currency && e.categoryId === categoryId && isoMonth(e.at) === month && e.at < report.asOf));
          expect(shown, `${context}, breakage ${month}`).toBe(expected);
        }
      }
    }
  }
}

async function expectAgingExact(now: Date) {
  const events = await ledger();
  for (const asOfDay of [undefined, ...randomDays(now, 6).filter((day) => day < isoDay(now))]) {
    const aging = await getAgingReport(db, { asOf: asOfDay }, { now });
    const at = aging.asOf;
    const remaining = new Map<string, { amount: bigint; e: Event }>();
    for (const e of events) {
      if (e.at >= at) continue;
      const entry = remaining.get(e.creditId) ?? { amount: 0n, e };
      entry.amount += e.amountMinor;
      remaining.set(e.creditId, entry);
    }
    const issueBucket = (e: Event) => {
      const age = at.getTime() - e.creditCreatedAt.getTime();
      return age < 31 * DAY ? "0-30" : age < 91 * DAY ? "31-90" : age < 181 * DAY ? "91-180" : age < 366 * DAY ? "181-365" : "over-365";
    };
    const expiryBucket = (e: Event) => {
      if (!e.expiresAt) return "never";
      const left = e.expiresAt.getTime() - at.getTime();
      return left <= 0 ? "past" : left <= 30 * DAY ? "30" : left <= 60 * DAY ? "60" : left <= 90 * DAY ? "90" : "later";
    };
    const expected = (currency: string, bucket: string, of: (e: Event) => string) =>
      [...remaining.values()].filter((r) => r.e.currency === currency && of(r.e) === bucket).reduce((sum, r) => sum + r.amount, 0n);
    for (const row of aging.byIssueAge) expect(row.amountMinor, `aging ${asOfDay} ${row.currency} ${row.bucket}`).toBe(expected(row.currency, row.bucket, issueBucket));
    for (const row of aging.byExpiry) expect(row.amountMinor, `expiry ${asOfDay} ${row.currency} ${row.bucket}`).toBe(expected(row.currency, row.bucket, expiryBucket));
    const total = aging.byIssueAge.reduce((sum, row) => sum + row.amountMinor, 0n);
    expect(total, `aging total ${asOfDay}`).toBe(sumWhere(events, (e) => e.at < at));
  }
}

describe("store-credit liability report", () => {
  it("is empty, and reconciles, before any credit exists", async () => {
    const report = await getLiabilityReport(db, {});
    expect(report.outstanding).toEqual([]);
    expect(report.rollForward).toEqual([]);
  });

  it("equals brute-force sums over the ledger before any roll-up, with a stale one and a current one", async () => {
    const now = new Date();
    await writeHistory(now, 60);
    await runServiceMix(4);
    const clock = () => new Date(Math.max(Date.now(), now.getTime()));
    await expectExact(clock(), "no roll-up");

    // A roll-up that stopped 100 days ago: the days after it come from the ledger.
    await rollupLedger(db, { now: addUtcDays(now, -100) });
    await expectExact(clock(), "stale roll-up");

    // Then 30 hours behind: the newest buckets are hours, reports snap to hours there and to days before.
    await rollupLedger(db, { now: new Date(now.getTime() - 30 * 3_600_000) });
    await expectExact(clock(), "roll-up 30 hours behind");

    await rollupLedger(db);
    await runServiceMix(2);
    await expectExact(clock(), "current roll-up and events after it");
    await expectAgingExact(clock());

    // A rebuild writes the same days again.
    await rebuildLedgerRollup(db);
    await expectExact(clock(), "rebuilt roll-up");
  }, 240_000);

  it("gives the dashboard the same outstanding balance and daily closing balances as the ledger", async () => {
    const now = new Date();
    const dashboard = await getDashboard(db, admin.actor, { now });
    const events = await ledger();
    expect(dashboard.currencies.length).toBeGreaterThan(0);
    for (const c of dashboard.currencies) {
      expect(c.outstandingMinor).toBe(sumWhere(events, (e) => e.currency === c.currency && e.at < now));
      expect(c.days).toHaveLength(30);
      for (const day of c.days) {
        const end = new Date(Math.min(addUtcDays(utcDayStart(day.day), 1).getTime(), now.getTime()));
        expect(day.closingMinor, `${c.currency} ${day.day}`).toBe(sumWhere(events, (e) => e.currency === c.currency && e.at < end));
        expect(day.issued).toBe(abs(sumWhere(events, (e) => e.currency === c.currency && e.type === "ISSUED" && isoDay(e.at) === day.day && e.at < now)));
      }
    }
    expect(dashboard.canReadAudit).toBe(true);
  });

  it("filters to one currency and names a currency without credit with zero figures", async () => {
    const report = await getLiabilityReport(db, { currency: "GBP" });
    expect(report.currencies).toEqual(["GBP"]);
    expect(report.outstanding).toEqual([{ currency: "GBP", amountMinor: 0n }]);
    expect(report.rollForward[0]).toMatchObject({ openingMinor: 0n, closingMinor: 0n, isReconciled: true });
  });
});
