import type { PaymentMethodKind } from "@/prisma/generated/enums";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { manualGateway } from "./manual-gateway";
import type { PaymentGateway } from "./payment-gateway";
import { sandboxGateway } from "./sandbox-gateway";

/** PAYMENT_GATEWAY names the provider for card and PayPal payments; "sandbox" is the default. */
const PROVIDERS: Record<string, (db: Db) => PaymentGateway> = {
  sandbox: sandboxGateway,
};

/** The gateway that refunds a payment to its original method. */
export function gatewayFor(db: Db, methodKind: PaymentMethodKind, env: NodeJS.ProcessEnv = process.env): PaymentGateway {
  if (methodKind === "STORE_CREDIT") throw new AppError("BAD_INPUT", "A payment made with store credit can only be refunded to store credit", "type");
  if (methodKind !== "CARD" && methodKind !== "PAYPAL") return manualGateway;
  const name = (env.PAYMENT_GATEWAY ?? "sandbox").toLowerCase();
  const provider = PROVIDERS[name];
  if (!provider) throw new AppError("GATEWAY_ERROR", `Payment gateway "${name}" is not available; set PAYMENT_GATEWAY to one of: ${Object.keys(PROVIDERS).join(", ")}`);
  return provider(db);
}

/** How long a refund call may take before the refund is left PENDING for reconcile. */
export const gatewayTimeoutMs = (env: NodeJS.ProcessEnv = process.env) => Number(env.REFUND_GATEWAY_TIMEOUT_MS ?? 10_000);
