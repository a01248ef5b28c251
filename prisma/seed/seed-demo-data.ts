import type { Db } from "@/server/db/client";
import { rebuildLedgerRollup } from "@/server/modules/reports/ledger-rollup";
import { seedBulkCustomers, storyForEvents } from "./bulk-customers";
import { creditStaffIds, seedDemoCredits } from "./demo-credits";
import { seedDemoCustomers } from "./demo-customers";
import { seedDemoStaff } from "./demo-staff";

/** Customers 0..4,999 get the full demo (purchases, refunds, credit stories) through the usual statements. */
export const DEMO_ACTIVITY_CUSTOMERS = 5_000;

/**
 * Demo staff and customers 0..customers-1. The first DEMO_ACTIVITY_CUSTOMERS get purchases and
 * (30% of them) credit stories; on PostgreSQL (`databaseUrl`), the rest are bulk-loaded with the
 * same credit stories for 30% of them (bulk-customers.ts), so a million-customer seed for the
 * search benchmark has a realistic store-credit history and still takes minutes. Without it
 * (PGlite) customers past the demo range come without history. Ends with ANALYZE (on PostgreSQL
 * VACUUM (ANALYZE)), so the planner knows the new rows and index-only walks need no heap fetches
 * before the first search. With `events`, the bulk range gets the long story (2+ years, every kind
 * of ledger event), scaled so the bulk load writes about that many ledger events. Past events
 * written, the ledger roll-up is rebuilt (as after any bulk import), so reports stay exact.
 */
export async function seedDemoData(
  db: Db,
  opts: { customers: number; events?: number; databaseUrl?: string; analyze?: boolean; log?: (line: string) => void },
) {
  const log = opts.log ?? (() => {});
  const startedAt = Date.now();
  const staff = await seedDemoStaff(db);
  const bulk = opts.databaseUrl !== undefined && opts.customers > DEMO_ACTIVITY_CUSTOMERS;
  const customers = await seedDemoCustomers(db, {
    count: bulk ? DEMO_ACTIVITY_CUSTOMERS : opts.customers,
    onProgress: (done) => {
      if (opts.customers >= 50_000 && done % 50_000 === 0) log(`  ${done.toLocaleString("en")} customers…`);
    },
  });
  // Settings defaults (currencies, categories, reasons, payment methods) come with the migrations.
  const activity = await seedDemoCredits(db, { count: Math.min(opts.customers, DEMO_ACTIVITY_CUSTOMERS) });
  log(
    `Seeded ${staff} staff, ${customers} customers, and for ${activity.customers} of them ${activity.payments} payments, ` +
      `${activity.refunds} refunds and ${activity.credits} store credits in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`,
  );
  if (bulk) {
    const bulkAt = Date.now();
    const staffIds = await creditStaffIds(db);
    const now = new Date();
    const range = { from: DEMO_ACTIVITY_CUSTOMERS, to: opts.customers };
    // The scale depends on the target, the range and the day, not on what is loaded already, so
    // a rerun (going on after an interruption) draws the same kind of stories.
    const story = opts.events ? storyForEvents({ ...range, events: opts.events, now, staffIds }) : undefined;
    if (story) log(`  long credit stories (${story.days} days, scale ${story.scale}) for about ${opts.events!.toLocaleString("en")} ledger events…`);
    const load = () => seedBulkCustomers(opts.databaseUrl!, { ...range, staffIds, now, story, log });
    let added = { customers: 0, withHistory: 0, credits: 0, events: 0, payments: 0, refunds: 0 };
    // A server restart mid-load costs one round: wait for it, then go on where the load stopped.
    for (let attempt = 1; ; attempt++) {
      try {
        const more = await load();
        added = {
          customers: added.customers + more.customers,
          withHistory: added.withHistory + more.withHistory,
          credits: added.credits + more.credits,
          events: added.events + more.events,
          payments: added.payments + more.payments,
          refunds: added.refunds + more.refunds,
        };
        break;
      } catch (error) {
        const lost = error instanceof Error && /terminat|ECONNREFUSED|ECONNRESET|shutting down|starting up/i.test(error.message);
        if (!lost || attempt >= 10) throw error;
        log(`  the database connection was lost (${error.message}); going on in 5 s…`);
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
    }
    log(
      `Bulk-loaded ${added.customers.toLocaleString("en")} more customers, ${added.withHistory.toLocaleString("en")} of them with a credit history ` +
        `(${added.credits.toLocaleString("en")} store credits, ${added.events.toLocaleString("en")} ledger events, ` +
        `${added.payments.toLocaleString("en")} payments, ${added.refunds.toLocaleString("en")} refunds to credit) in ${((Date.now() - bulkAt) / 1000).toFixed(1)} s.`,
    );
  }
  // The seed writes past events, which the ledger-rollup job (it only rewrites its last hours)
  // would never count: rebuild the roll-up from the ledger, as after any bulk import.
  const rollupAt = Date.now();
  const rollup = await rebuildLedgerRollup(db);
  if (rollup.closedThrough) log(`Rebuilt the ledger roll-up (${rollup.bucketRows.toLocaleString("en")} buckets) in ${((Date.now() - rollupAt) / 1000).toFixed(1)} s.`);
  if (opts.analyze !== false) {
    // A fresh load has no planner statistics until autovacuum gets to it; searches must not wait for that.
    // On PostgreSQL VACUUM too: it sets the visibility map, so search's walks along the covering
    // name index are index-only from the first search (keyset-segments.ts, WALK_BUDGET).
    const analyzedAt = Date.now();
    const vacuum = opts.databaseUrl !== undefined;
    await db.$executeRawUnsafe(vacuum ? "VACUUM (ANALYZE)" : "ANALYZE");
    log(`${vacuum ? "Vacuumed and analyzed" : "Analyzed"} the database in ${((Date.now() - analyzedAt) / 1000).toFixed(1)} s (total ${((Date.now() - startedAt) / 1000).toFixed(1)} s).`);
  }
}
