import type { Db, DbTx } from "@/server/db/client";

// Waiting for a pooled connection or a contended balance lock is normal under load.
const MONEY_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

/** The one interactive transaction every money change runs in. */
export function moneyTransaction<T>(db: Db, run: (tx: DbTx) => Promise<T>): Promise<T> {
  return db.$transaction(run, MONEY_TRANSACTION_OPTIONS);
}
