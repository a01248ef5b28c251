// What refunds need from a payment provider. A real provider (Stripe, Adyen, PayPal…) gets an
// adapter with this shape; `gateway-registry.ts` picks one per payment.

export type GatewayRefundRequest = {
  /** Our payment reference, which the provider knows the charge by. */
  paymentRef: string;
  amountMinor: bigint;
  currency: string;
  /**
   * Sent with every attempt for the same refund: the provider pays at most once per key, so a
   * retry after a timeout (reconcile) cannot refund twice.
   */
  idempotencyKey: string;
};

export type GatewayRefundOutcome =
  | { status: "SUCCEEDED"; gatewayRef: string | null }
  /** Nothing was refunded; `reason` is the provider's, shown to staff as is. */
  | { status: "DECLINED"; reason: string };

export type PaymentGateway = {
  /** Stored on the refund: "Sandbox", "Manual". */
  name: string;
  refund(request: GatewayRefundRequest): Promise<GatewayRefundOutcome>;
};

/**
 * The provider did not answer (timeout, connection lost, 5xx): the refund may or may not have
 * happened there. The refund stays PENDING and reconcile asks again with the same key.
 */
export class GatewayUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GatewayUnavailableError";
  }
}

/** Gives up waiting after `ms`; the provider may still complete the call, which is why keys exist. */
export async function withGatewayTimeout<T>(call: Promise<T>, ms: number, gatewayName: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GatewayUnavailableError(`${gatewayName} did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
