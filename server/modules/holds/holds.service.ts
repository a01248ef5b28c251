// The holds module's entry point for the admin (holds.router.ts calls only this). The money
// functions are the verb files (place-hold.ts, capture-hold.ts, release-hold.ts, expire-holds.ts,
// reverse-spend.ts), which the storefront API calls with its API key.
import "server-only";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import type { Db } from "@/server/db/client";
import { findHold, listCustomerHolds, type HoldRecord } from "./holds.repo";
import type { z } from "zod";
import type { ZCustomerHoldsInput } from "./holds.schema";

/** How many holds the profile shows: every open one comes first. */
export const PROFILE_HOLDS_LIMIT = 20;

/** A customer's holds for the profile: open ones first, then the newest closed ones. */
export async function listHolds({ db }: ServiceContext, input: z.output<typeof ZCustomerHoldsInput>): Promise<{ items: HoldRecord[] }> {
  return { items: await listCustomerHolds(db, input.customerId, PROFILE_HOLDS_LIMIT) };
}

/** A hold's currency, to read a capture's amount in (the REST layer's amounts are decimal text). */
export async function getHoldCurrency({ db }: { db: Db }, holdId: string): Promise<string> {
  const hold = await findHold(db, holdId);
  if (!hold) throw new AppError("NOT_FOUND", "This hold does not exist", "holdId");
  return hold.currency;
}

export { placeHold } from "./place-hold";
export { captureHold, type CaptureResult } from "./capture-hold";
export { releaseHold } from "./release-hold";
export { expireHolds } from "./expire-holds";
export { reverseSpend } from "./reverse-spend";
export type { HoldContext, HoldResult } from "./hold-context";
