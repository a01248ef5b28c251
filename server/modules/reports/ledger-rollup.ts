// The ledger roll-up (a queued job): hourly totals of credit_event for hours that are over, so the
// liability report sums a few thousand hour rows instead of millions of events, and reads at most
// the last hour or two of events (plus the job's period) straight from the ledger.
//
// Exactness: an event's created_at is its transaction's start (now()), so an event of hour H can
// commit after H ends only from a transaction open across the hour's end. An hour is closed only
// once it has been over for SETTLE_MS, and every run recomputes the last REWRITE_HOURS closed
// hours too, so such a late commit is counted by the next run. Reports read the hours before
// closed_through from credit_ledger_hour and every later event from the ledger itself. A bulk
// import that writes past hours (the seed) runs before the first roll-up or calls rebuildLedgerRollup.
import type { Db } from "@/server/db/client";
import { findClosedThrough, firstEventAt, lockRollup, rewriteLedgerHours, saveClosedThrough } from "./liability.repo";
import { addHours, floorUtcHour } from "./utc-days";

export const SETTLE_MS = 10 * 60_000;
export const REWRITE_HOURS = 6;

export type RollupResult = { from: Date | null; closedThrough: Date | null; hourRows: number };

/** Closes the hours that are over (as of `now`); idempotent, serialised by an advisory lock. */
export async function rollupLedger(db: Db, opts: { now?: Date; rebuild?: boolean } = {}): Promise<RollupResult> {
  const target = floorUtcHour(new Date((opts.now ?? new Date()).getTime() - SETTLE_MS));
  return db.$transaction(
    async (tx) => {
      await lockRollup(tx);
      const closed = opts.rebuild ? null : await findClosedThrough(tx);
      // Never moves back (a run with an earlier clock only rewrites the last closed hours).
      const through = closed && closed > target ? closed : target;
      const first = closed ? addHours(closed, -REWRITE_HOURS) : await firstEventAt(tx);
      if (!first || first >= through) return { from: null, closedThrough: closed, hourRows: 0 };
      // A first run or a rebuild clears and writes every hour before `through`.
      const hourRows = await rewriteLedgerHours(tx, { from: closed ? first.toISOString() : "-infinity", to: through.toISOString() });
      await saveClosedThrough(tx, through);
      return { from: floorUtcHour(first), closedThrough: through, hourRows };
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}

/** Recomputes every closed hour from the ledger (after a bulk import of past events). */
export const rebuildLedgerRollup = (db: Db, opts: { now?: Date } = {}) => rollupLedger(db, { ...opts, rebuild: true });
