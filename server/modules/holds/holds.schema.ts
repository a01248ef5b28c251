// Inputs of the hold functions (place, capture, release) and of a spend's reversal. Client-safe:
// the REST layer (/api/v1) and the admin validate with the same schemas. Money is bigint minor
// units with its ISO currency; the REST layer converts its wire format to these.
import { z } from "zod";
import { ZCurrency, ZIdempotencyKey, ZLineText } from "@/server/lib/zod-fields";

export const HOLD_STATUSES = ["PLACED", "CAPTURED", "RELEASED", "EXPIRED"] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

export const HOLD_STATUS_LABELS: Record<HoldStatus, string> = {
  PLACED: "Held",
  CAPTURED: "Captured",
  RELEASED: "Released",
  EXPIRED: "Expired",
};

const ZAmountMinor = z
  .bigint("Enter an amount in minor units")
  .positive("Enter an amount above zero")
  .describe("Amount in the currency's minor units (cents for USD)");

const ZHoldId = z.uuid("Choose a hold").describe("The id placeHold returned");

export const ZPlaceHoldInput = z.object({
  idempotencyKey: ZIdempotencyKey,
  customerId: z.uuid("Choose a customer").describe("The customer whose store credit is held"),
  amountMinor: ZAmountMinor,
  currency: ZCurrency,
  orderRef: ZLineText(200, "order reference").describe("The shop's order number; the capture's spend carries it"),
});
export type PlaceHoldInput = z.output<typeof ZPlaceHoldInput>;

export const ZCaptureHoldInput = z.object({
  idempotencyKey: ZIdempotencyKey,
  holdId: ZHoldId,
  amountMinor: ZAmountMinor.optional().describe("How much to capture, at most the hold; default all of it. The rest is released"),
});
export type CaptureHoldInput = z.output<typeof ZCaptureHoldInput>;

export const ZReleaseHoldInput = z.object({
  idempotencyKey: ZIdempotencyKey,
  holdId: ZHoldId,
});
export type ReleaseHoldInput = z.output<typeof ZReleaseHoldInput>;

export const ZReverseSpendInput = z.object({
  idempotencyKey: ZIdempotencyKey,
  operationId: z.uuid("Choose a spend").describe("The spend's operationId (a capture returns it as spend.operationId)"),
});
export type ReverseSpendInput = z.output<typeof ZReverseSpendInput>;

/** The customer profile's holds table. */
export const ZCustomerHoldsInput = z.object({
  customerId: z.uuid("Choose a customer"),
});
