import type { PaymentGateway } from "./payment-gateway";

/**
 * Bank transfers, cash and manual payments have no provider to call: the refund is recorded as
 * done and staff pay it back the same way the money came in.
 */
export const manualGateway: PaymentGateway = {
  name: "Manual",
  refund: async () => ({ status: "SUCCEEDED", gatewayRef: null }),
};
