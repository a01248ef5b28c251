// The ledger roll-up (a queued job): totals of credit_event per UTC hour for hours that are over,
// compacted into one row per UTC day once a day is older than yesterday, so the liability report
// sums a few tens of thousands of rows instead of millions of events and reads at most the last
// hour or so of events (plus the job's period) straight from the ledger.
//
// Exactness: an event's created_at is its transaction's start (now()), so an event of hour H can
// commit after H ends only from a transaction open across the hour's end. An hour is closed only
// once it has been over for SETTLE_MS, and every run recomputes the last REWRITE_HOURS closed
// hours too (days are compacted from the ledger only once they are a day older than that), so
// such a late commit is counted by the next run. Reports read the buckets before closed_through
// from credit_ledger_hour and every later event from the ledger itself. A bulk import that writes
// past hours (the seed) runs before the first roll-up or calls rebuildLedgerRollup.
import type { Db } from "@/server/db/client";
import { findRollupState, firstEventAt, lockRollup, rewriteLedgerBuckets, saveRollupState } from "./liability.repo";
import { addHours, addUtcDays, floorUtcDay, floorUtcHour } from "./utc-days";

export const SETTLE_MS = 10 * 60_000;
export const REWRITE_HOURS = 6;

export type RollupResult = { from: Date | null; closedThrough: Date | null; bucketRows: number };

const later = (a: Date, b: Date) => (a > b ? a : b);

/** Closes the hours that are over (as of `now`) and compacts older days; idempotent, serialised by an advisory lock. */
export async function rollupLedger(db: Db, opts: { now?: Date; rebuild?: boolean } = {}): Promise<RollupResult> {
  const target = floorUtcHour(new Date((opts.now ?? new Date()).getTime() - SETTLE_MS));
  return db.$transaction(
    async (tx) => {
      await lockRollup(tx);
      const state = opts.rebuild ? null : await findRollupState(tx);
      // Never moves back (a run with an earlier clock only rewrites the last closed hours).
      const through = state ? later(state.closedThrough, target) : target;
      // Yesterday and today stay hourly; REWRITE_HOURS is well inside them.
      const compactTo = addUtcDays(floorUtcDay(through), -1);
      if (!state) {
        const first = await firstEventAt(tx);
        if (!first || first >= through) return { from: null, closedThrough: null, bucketRows: 0 };
        const days = await rewriteLedgerBuckets(tx, { from: "-infinity", to: compactTo.toISOString(), unit: "day" });
        const hours = await rewriteLedgerBuckets(tx, { from: compactTo.toISOString(), to: through.toISOString(), unit: "hour" });
        await saveRollupState(tx, { closedThrough: through, compactedThrough: compactTo });
        return { from: floorUtcHour(first), closedThrough: through, bucketRows: days + hours };
      }
      const from = later(addHours(state.closedThrough, -REWRITE_HOURS), state.compactedThrough);
      let rows = await rewriteLedgerBuckets(tx, { from: from.toISOString(), to: through.toISOString(), unit: "hour" });
      const compactedThrough = later(state.compactedThrough, compactTo);
      if (compactedThrough > state.compactedThrough) {
        rows += await rewriteLedgerBuckets(tx, { from: state.compactedThrough.toISOString(), to: compactedThrough.toISOString(), unit: "day" });
      }
      await saveRollupState(tx, { closedThrough: through, compactedThrough });
      return { from, closedThrough: through, bucketRows: rows };
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}

/** Recomputes every closed hour and day from the ledger (after a bulk import of past events). */
export const rebuildLedgerRollup = (db: Db, opts: { now?: Date } = {}) => rollupLedger(db, { ...opts, rebuild: true });
