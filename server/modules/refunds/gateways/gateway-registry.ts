import type { PaymentMethodKind } from "@/prisma/generated/enums";
import { config, type Config } from "@/server/config";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { manualGateway } from "./manual-gateway";
import type { PaymentGateway } from "./payment-gateway";
import { sandboxGateway } from "./sandbox-gateway";

/** PAYMENT_GATEWAY names the provider for card and PayPal payments (server/config.ts checks the name). */
const PROVIDERS: Record<Config["PAYMENT_GATEWAY"], (db: Db) => PaymentGateway> = {
  sandbox: sandboxGateway,
};

/** The gateway that refunds a payment to its original method. */
export function gatewayFor(db: Db, methodKind: PaymentMethodKind, gateway: Config["PAYMENT_GATEWAY"] = config().PAYMENT_GATEWAY): PaymentGateway {
  if (methodKind === "STORE_CREDIT") throw new AppError("BAD_INPUT", "A payment made with store credit can only be refunded to store credit", "type");
  if (methodKind !== "CARD" && methodKind !== "PAYPAL") return manualGateway;
  return PROVIDERS[gateway](db);
}

/** How long a refund call may take before the refund is left PENDING for reconcile. */
export const gatewayTimeoutMs = () => config().REFUND_GATEWAY_TIMEOUT_MS;
