// The bulk seed's long story (`npm run db:seed -- --events E`): on a database of its own, a few
// thousand bulk customers with the story scaled to an events target. seedBulkCustomers itself
// refuses to finish when a balance differs from its ledger or a payment from its refunds; this
// proves the mix, the span and the target, and that reports read from the rebuilt roll-up equal
// brute-force sums over the seeded ledger. PostgreSQL only (the bulk path is COPY).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { rebuildLedgerRollup } from "@/server/modules/reports/ledger-rollup";
import { getLiabilityReport } from "@/server/modules/reports/liability-report";
import { addUtcDays, isoDay } from "@/server/modules/reports/utc-days";
import { createEmptyPostgres } from "@/tests/helpers/test-db";
import { seedBulkCustomers, storyForEvents, type BulkSeedResult } from "./bulk-customers";
import { creditStaffIds } from "./demo-credits";
import { seedDemoStaff } from "./demo-staff";

const FROM = 5_000;
const TO = 8_000;
const EVENTS = 15_000;
const DAY = 86_400_000;

let scratch: Awaited<ReturnType<typeof createEmptyPostgres>> = null;
let db: Db;
let close = async () => {};
let seeded: BulkSeedResult;
const now = new Date();

beforeAll(async () => {
  scratch = await createEmptyPostgres();
  if (!scratch) return;
  await applyMigrations(scratch.target);
  const opened = await createDb(scratch.target);
  db = opened.db;
  close = async () => {
    await opened.close();
    await scratch!.destroy();
  };
  await seedDemoStaff(db);
  const staffIds = await creditStaffIds(db);
  const story = storyForEvents({ from: FROM, to: TO, events: EVENTS, now, staffIds });
  seeded = await seedBulkCustomers(scratch.target.url, { from: FROM, to: TO, staffIds, now, story });
}, 300_000);
afterAll(() => close());

describe.skipIf(!process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL)("the bulk seed's long story", () => {
  it("writes about the events asked for: at least that many, at most a tenth more", async () => {
    const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM credit_event`;
    expect(Number(row!.n)).toBe(seeded.events);
    expect(seeded.events).toBeGreaterThanOrEqual(EVENTS);
    expect(seeded.events).toBeLessThanOrEqual(EVENTS * 1.1);
  });

  it("has every kind of event a store makes, issued and spent the most, over more than two years", async () => {
    const mix = await db.$queryRaw<{ type: string; n: bigint }[]>`SELECT type::text AS type, count(*) AS n FROM credit_event GROUP BY type`;
    const count = (type: string) => Number(mix.find((m) => m.type === type)?.n ?? 0n);
    for (const type of ["ISSUED", "USED", "EXPIRED", "VOIDED", "ADJUSTED_UP", "ADJUSTED_DOWN", "REFUNDED_TO_CREDIT"]) expect(count(type), type).toBeGreaterThan(0);
    expect(count("ISSUED")).toBeGreaterThan(count("REFUNDED_TO_CREDIT") * 4);
    expect(count("USED")).toBeGreaterThan(count("EXPIRED"));
    const [span] = await db.$queryRaw<{ first: Date; last: Date }[]>`SELECT min(created_at) AS first, max(created_at) AS last FROM credit_event`;
    expect(span!.first.getTime()).toBeLessThan(now.getTime() - 730 * DAY);
    expect(span!.last.getTime()).toBeLessThan(now.getTime());
  });

  it("refunds to credit are settled store-credit refunds of card payments, each with its credit", async () => {
    const [row] = await db.$queryRaw<{ events: bigint; refunds: bigint; linked: bigint; refundCategory: bigint }[]>`
      SELECT (SELECT count(*) FROM credit_event WHERE type = 'REFUNDED_TO_CREDIT') AS events,
             (SELECT count(*) FROM refund WHERE type = 'STORE_CREDIT' AND status = 'SUCCEEDED') AS refunds,
             (SELECT count(*) FROM refund r JOIN store_credit sc ON sc.id = r.credit_id JOIN payment p ON p.id = r.payment_id
               WHERE sc.payment_id = p.id AND p.method_kind = 'CARD' AND sc.amount_minor = r.amount_minor) AS linked,
             (SELECT count(*) FROM refund r JOIN store_credit sc ON sc.id = r.credit_id
               WHERE sc.category_id = '01900000-0000-7000-8000-000000000102' AND sc.expires_at IS NULL) AS "refundCategory"`;
    expect(row!.refunds).toBeGreaterThan(0n);
    expect(row!.events).toBe(row!.refunds);
    expect(row!.linked).toBe(row!.refunds);
    expect(row!.refundCategory).toBe(row!.refunds);
  });

  it("after the roll-up is rebuilt, outstanding credit now and on past days equals the ledger's brute-force sum", async () => {
    await rebuildLedgerRollup(db, { now });
    const days = [isoDay(now), isoDay(addUtcDays(now, -1)), isoDay(addUtcDays(now, -200)), isoDay(addUtcDays(now, -700)), isoDay(addUtcDays(now, -2_000))];
    for (const day of [undefined, ...days]) {
      const report = await getLiabilityReport(db, day ? { asOf: day } : {}, { now });
      const sums = await db.$queryRaw<{ currency: string; total: bigint }[]>`
        SELECT currency, sum(amount_minor)::bigint AS total FROM credit_event WHERE created_at < ${report.asOf} GROUP BY currency`;
      const expected = new Map(sums.map((s) => [s.currency, s.total]));
      for (const currency of new Set([...expected.keys(), ...report.outstanding.map((o) => o.currency)])) {
        const shown = report.outstanding.find((o) => o.currency === currency)?.amountMinor ?? 0n;
        expect(shown, `${currency} as of ${day ?? "now"}`).toBe(expected.get(currency) ?? 0n);
      }
      for (const line of report.rollForward) expect(line.isReconciled, `${line.currency} as of ${day ?? "now"}`).toBe(true);
    }
  });
});
