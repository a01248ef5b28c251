import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { HoldContext } from "@/server/modules/holds/hold-context";
import { findHeldMismatches } from "@/server/modules/credits/ledger-check";
import { ZPlaceHoldInput } from "@/server/modules/holds/holds.schema";
import { placeHold } from "@/server/modules/holds/place-hold";

/** The storefront as the hold functions see it: no staff member, optionally an API key. */
export const storefrontContext = (db: Db, apiKeyId: string | null = null): HoldContext => ({ db, actor: null, apiKeyId });

/** Places a hold through the real service (defaults: US$10.00 for a fresh order reference). */
export function placeTestHold(db: Db, customerId: string, overrides: Partial<{ amountMinor: bigint; currency: string; orderRef: string; apiKeyId: string }> = {}) {
  const { apiKeyId = null, ...input } = overrides;
  return placeHold(
    storefrontContext(db, apiKeyId),
    ZPlaceHoldInput.parse({ idempotencyKey: randomUUID(), customerId, amountMinor: 1000n, currency: "USD", orderRef: `ORDER-${randomUUID().slice(0, 8)}`, ...input }),
  );
}

/** Moves a hold's expiry into the past, as if its time to live had passed. */
export async function backdateHold(db: Db, holdId: string, expiresAt: Date = new Date(Date.now() - 60_000)) {
  await db.$executeRaw`UPDATE credit_hold SET expires_at = ${expiresAt}::timestamptz WHERE id = ${holdId}::uuid`;
}

/** Balances of these customers whose held amount is not the sum of their open holds; empty when they agree. */
export const heldProblems = (db: Db, customerIds: string[]) => findHeldMismatches(db, { customerIds });
