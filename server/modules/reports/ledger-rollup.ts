// The ledger roll-up (a queued job): daily totals of credit_event for days that are over, so the
// liability report sums a few thousand day rows instead of millions of events.
//
// Exactness: an event's created_at is its transaction's start (now()), so an event of day D can
// commit after D ends only from a transaction open across midnight. A day is closed only once it
// has been over for SETTLE_MS, and every run recomputes the last REWRITE_DAYS closed days too, so
// such a late commit is counted by the next run. Reports read the days before closed_through from
// credit_ledger_day and every later event from the ledger itself. A bulk import that writes past
// days (the seed) runs before the first roll-up or calls rebuildLedgerRollup.
import type { Db } from "@/server/db/client";
import { findClosedThrough, firstEventDay, lockRollup, rewriteLedgerDays, saveClosedThrough } from "./liability.repo";
import { addUtcDays, floorUtcDay, isoDay } from "./utc-days";

export const SETTLE_MS = 60 * 60_000;
export const REWRITE_DAYS = 2;

export type RollupResult = { fromDay: string | null; closedThrough: string | null; dayRows: number };

/** Closes the days that are over (as of `now`); idempotent, serialised by an advisory lock. */
export async function rollupLedger(db: Db, opts: { now?: Date; rebuild?: boolean } = {}): Promise<RollupResult> {
  const target = floorUtcDay(new Date((opts.now ?? new Date()).getTime() - SETTLE_MS));
  return db.$transaction(
    async (tx) => {
      await lockRollup(tx);
      const closed = opts.rebuild ? null : await findClosedThrough(tx);
      // Never moves back (a run with an earlier clock only rewrites the last closed days).
      const through = closed && closed > target ? closed : target;
      const first = closed ? addUtcDays(closed, -REWRITE_DAYS) : await firstEventDay(tx);
      if (!first || first >= through) return { fromDay: null, closedThrough: closed ? isoDay(closed) : null, dayRows: 0 };
      // A first run or a rebuild clears and writes every day before `through`.
      const fromDay = closed ? isoDay(first) : "-infinity";
      const dayRows = await rewriteLedgerDays(tx, { fromDay, toDay: isoDay(through) });
      await saveClosedThrough(tx, isoDay(through));
      return { fromDay: isoDay(first), closedThrough: isoDay(through), dayRows };
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}

/** Recomputes every closed day from the ledger (after a bulk import of past events). */
export const rebuildLedgerRollup = (db: Db, opts: { now?: Date } = {}) => rollupLedger(db, { ...opts, rebuild: true });
