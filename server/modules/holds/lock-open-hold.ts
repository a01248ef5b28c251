import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { lockBalanceAndHeld } from "@/server/modules/credits/ledger";
import { assertHoldOpen } from "./hold-rules";
import { findHold } from "./holds.repo";

/**
 * What capture and release both start with: the hold's balance row locked first (the order every
 * money change takes), then the hold read again under that lock, so a concurrent capture, release
 * or expiry has finished and this one sees it closed (CONFLICT). A hold past its expiry is the
 * expiry job's to close.
 */
export async function lockOpenHold(tx: DbTx, holdId: string, now: Date) {
  const seen = await findHold(tx, holdId);
  if (!seen) throw new AppError("NOT_FOUND", "This hold does not exist", "holdId");
  const key = { customerId: seen.customerId, currency: seen.currency };
  const locked = await lockBalanceAndHeld(tx, key);
  const hold = (await findHold(tx, holdId, { forUpdate: true }))!;
  assertHoldOpen(hold, now);
  return { key, locked, hold };
}
