import { randomUUID } from "node:crypto";
import type { PaymentMethodKind } from "@/prisma/generated/enums";
import type { Db } from "@/server/db/client";
import { newPaymentReference, paymentInsertSql } from "@/server/modules/payments/payments.repo";

export type TestPaymentInput = {
  customerId: string;
  amountMinor: bigint;
  currency: string;
  methodKind: PaymentMethodKind;
  cardBrand?: string | null;
  cardLast4?: string | null;
  /** Defaults to "Sandbox" for card and PayPal payments, none otherwise. */
  gatewayName?: string | null;
  description?: string | null;
};

/** A captured storefront payment, inserted directly: there is no storefront service to take one. */
export async function createTestPayment(db: Db, input: TestPaymentInput) {
  const id = randomUUID();
  const isGatewayMethod = input.methodKind === "CARD" || input.methodKind === "PAYPAL";
  await db.$executeRaw(
    paymentInsertSql({
      id,
      reference: newPaymentReference(),
      customerId: input.customerId,
      amountMinor: input.amountMinor,
      currency: input.currency,
      methodKind: input.methodKind,
      infrastructureId: null,
      methodId: null,
      isRevenue: true,
      description: input.description ?? "Storefront order",
      createdById: null,
      cardBrand: input.cardBrand ?? null,
      cardLast4: input.cardLast4 ?? null,
      gatewayName: input.gatewayName === undefined ? (isGatewayMethod ? "Sandbox" : null) : input.gatewayName,
    }),
  );
  return db.payment.findUniqueOrThrow({ where: { id } });
}
