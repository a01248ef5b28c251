import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { findSandboxCharge, findSandboxRefund, insertSandboxRefund, lockSandboxCharge, sandboxRefundedTotal } from "./sandbox-gateway.repo";
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
        await lockSandboxCharge(tx, request.paymentRef);
        const charge = await findSandboxCharge(tx, request.paymentRef);
        if (!charge) return declined("No such charge");
        const previous = await findSandboxRefund(tx, request.idempotencyKey);
        if (previous) {
          if (previous.paymentRef !== request.paymentRef || previous.amountMinor !== request.amountMinor) {
            return declined("Idempotency key reused with different parameters");
          }
          return { outcome: { status: "SUCCEEDED", gatewayRef: previous.gatewayRef } as const, isFirstPayout: false };
        }
        if (charge.currency !== request.currency) return declined(`The charge is in ${charge.currency}`);
        if (charge.cardLast4 === SANDBOX_DECLINED_CARD) return declined("The card issuer declined the refund (card ending 0002)");
        const paid = await sandboxRefundedTotal(tx, request.paymentRef);
        if (paid + request.amountMinor > charge.amountMinor) return declined("The refund exceeds what is left of the charge");
        const gatewayRef = `sbx_re_${randomBytes(9).toString("base64url")}`;
        await insertSandboxRefund(tx, { idempotencyKey: request.idempotencyKey, paymentRef: request.paymentRef, amountMinor: request.amountMinor, gatewayRef });
        return { outcome: { status: "SUCCEEDED", gatewayRef } as const, isFirstPayout: charge.cardLast4 === SANDBOX_TIMEOUT_CARD };
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
