import { z } from "zod";

export const ZPaymentListInput = z.object({
  customerId: z.uuid("Choose a customer"),
  cursor: z.string().max(500).nullish().describe("Opaque keyset cursor from the previous page"),
  limit: z.number().int().min(1).max(100).default(25),
});
export type PaymentListInput = z.output<typeof ZPaymentListInput>;

export const PAYMENT_STATUSES = ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
