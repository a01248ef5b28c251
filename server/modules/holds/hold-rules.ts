// The pure rules of holds: when one expires, how much a capture takes, what a hold may still do.
import { AppError } from "@/server/lib/app-error";
import { formatMoney } from "@/server/lib/money";
import type { HoldRecord } from "./holds.repo";
import type { HoldStatus } from "./holds.schema";

export const holdExpiresAt = (placedAt: Date, ttlMinutes: number): Date => new Date(placedAt.getTime() + ttlMinutes * 60_000);

/** An uncaptured hold past its expiry can no longer be captured, even before the expiry job closes it. */
export const isHoldDue = (hold: Pick<HoldRecord, "status" | "expiresAt">, now: Date): boolean =>
  hold.status === "PLACED" && hold.expiresAt.getTime() <= now.getTime();

const CLOSED_MESSAGES: Record<Exclude<HoldStatus, "PLACED">, string> = {
  CAPTURED: "This hold was already captured",
  RELEASED: "This hold was already released",
  EXPIRED: "This hold has expired",
};

/** CONFLICT unless the hold is still open (PLACED and not past its expiry). */
export function assertHoldOpen(hold: Pick<HoldRecord, "status" | "expiresAt">, now: Date): void {
  if (hold.status !== "PLACED") throw new AppError("CONFLICT", CLOSED_MESSAGES[hold.status], "holdId");
  if (isHoldDue(hold, now)) throw new AppError("CONFLICT", CLOSED_MESSAGES.EXPIRED, "holdId");
}

/** What a capture takes: the amount asked for (default all of the hold), never above the hold. */
export function captureAmountOf(hold: Pick<HoldRecord, "amountMinor" | "currency">, requestedMinor: bigint | undefined): bigint {
  const amountMinor = requestedMinor ?? hold.amountMinor;
  if (amountMinor <= 0n) throw new AppError("BAD_INPUT", "Enter an amount above zero", "amountMinor");
  if (amountMinor > hold.amountMinor) {
    throw new AppError("BAD_INPUT", `At most ${formatMoney(hold.amountMinor, hold.currency)} is held; capture that or less`, "amountMinor");
  }
  return amountMinor;
}
