import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { GatewayUnavailableError, type GatewayRefundOutcome, type PaymentGateway } from "./payment-gateway";

/** Test cards, as the big providers' test modes have them. */
export const SANDBOX_DECLINED_CARD = "0002";
export const SANDBOX_TIMEOUT_CARD = "0069";

/**
 * The default gateway: deterministic, offline, and keeping its own books (table
 * sandbox_gateway_refund) as a real provider does on its side, so that a retried key is answered
 * from them and never pays twice, even from another process (`npm run refunds:reconcile`).
 * - a card ending 0002 is declined;
 * - a card ending 0069 pays out but the answer is lost (a timeout), the first time only: a retry
 *   with the same key gets the result;
 * - anything else succeeds, up to the captured amount.
 */
export function sandboxGateway(db: Db): PaymentGateway {
  return {
    name: "Sandbox",
    async refund(request) {
      const outcome = await db.$transaction(async (tx) => {
        // One refund of a charge at a time, as a provider serialises them.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sandbox:${request.paymentRef}`}))`;
        const [charge] = await tx.$queryRaw<{ amount_minor: bigint; currency: string; card_last4: string | null }[]>`
          SELECT amount_minor, currency, card_last4 FROM payment WHERE reference = ${request.paymentRef}`;
        if (!charge) return declined("No such charge");
        const [previous] = await tx.$queryRaw<{ payment_ref: string; amount_minor: bigint; gateway_ref: string }[]>`
          SELECT payment_ref, amount_minor, gateway_ref FROM sandbox_gateway_refund WHERE idempotency_key = ${request.idempotencyKey}::uuid`;
        if (previous) {
          if (previous.payment_ref !== request.paymentRef || previous.amount_minor !== request.amountMinor) {
            return declined("Idempotency key reused with different parameters");
          }
          return { outcome: { status: "SUCCEEDED", gatewayRef: previous.gateway_ref } as const, isFirstPayout: false };
        }
        if (charge.currency !== request.currency) return declined(`The charge is in ${charge.currency}`);
        if (charge.card_last4 === SANDBOX_DECLINED_CARD) return declined("The card issuer declined the refund (card ending 0002)");
        const [paid] = await tx.$queryRaw<{ total: bigint }[]>`
          SELECT coalesce(sum(amount_minor), 0)::bigint AS total FROM sandbox_gateway_refund WHERE payment_ref = ${request.paymentRef}`;
        if (paid!.total + request.amountMinor > charge.amount_minor) return declined("The refund exceeds what is left of the charge");
        const gatewayRef = `sbx_re_${randomBytes(9).toString("base64url")}`;
        await tx.$executeRaw`
          INSERT INTO sandbox_gateway_refund (idempotency_key, payment_ref, amount_minor, gateway_ref)
          VALUES (${request.idempotencyKey}::uuid, ${request.paymentRef}, ${request.amountMinor}, ${gatewayRef})`;
        return { outcome: { status: "SUCCEEDED", gatewayRef } as const, isFirstPayout: charge.card_last4 === SANDBOX_TIMEOUT_CARD };
      });
      // Paid out, but the answer never arrives.
      if (outcome.isFirstPayout) throw new GatewayUnavailableError("Sandbox did not answer in time (card ending 0069)");
      return outcome.outcome;
    },
  };
}

const declined = (reason: string): { outcome: GatewayRefundOutcome; isFirstPayout: false } => ({
  outcome: { status: "DECLINED", reason },
  isFirstPayout: false,
});
