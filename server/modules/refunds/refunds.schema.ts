// Inputs of the refunds procedures and the labels the UI shows for their values. Client-safe.
import { z } from "zod";
import { RefundReason, RefundStatus, RefundType } from "@/prisma/generated/enums";
import { isStorableLine, moneyOf, ZAmountText, ZCurrency, ZCursor, ZIdempotencyKey, ZOptionalText } from "@/server/lib/zod-fields";

export const REFUND_TYPES = Object.values(RefundType);
export const REFUND_STATUSES = Object.values(RefundStatus);
export const REFUND_REASONS = Object.values(RefundReason);

export const REFUND_TYPE_LABELS: Record<RefundType, string> = {
  ORIGINAL_METHOD: "Original payment method",
  STORE_CREDIT: "Store credit",
};

export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = {
  PENDING: "Pending",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
};

export const REFUND_REASON_LABELS: Record<RefundReason, string> = {
  REQUESTED_BY_CUSTOMER: "Requested by customer",
  DUPLICATE: "Duplicate payment",
  FRAUDULENT: "Fraudulent",
  PRODUCT_NOT_RECEIVED: "Product not received",
  PRODUCT_DEFECTIVE: "Product defective",
  OTHER: "Other",
};

export const ZCreateRefundInput = z
  .object({
    idempotencyKey: ZIdempotencyKey,
    paymentId: z.uuid("This payment does not exist"),
    type: z.enum(REFUND_TYPES, "Choose where the money goes"),
    amount: ZAmountText.describe("Major units of the payment's currency; at most the refundable remainder"),
    currency: ZCurrency.describe("The payment's currency, so the amount can be validated"),
    reason: z.enum(REFUND_REASONS, "Choose a reason"),
    explanation: ZOptionalText(500, "explanation").describe("Required when the reason is Other; the customer never sees it"),
    note: ZOptionalText(500, "note").describe("Internal note"),
    notifyCustomer: z.boolean().default(true).describe("Send an SMS (or email without a phone) when the refund succeeds"),
  })
  .transform((input, ctx) => {
    const amountMinor = moneyOf(ctx, { amount: input.amount, currency: input.currency, field: "amount" });
    if (input.reason === "OTHER" && !input.explanation) {
      ctx.addIssue({ code: "custom", path: ["explanation"], message: "Explain the reason when you choose Other" });
      return z.NEVER;
    }
    return amountMinor === null ? z.NEVER : { ...input, amountMinor };
  });
export type CreateRefundInput = z.output<typeof ZCreateRefundInput>;

export const ZRefundIdInput = z.object({ refundId: z.uuid("This refund does not exist") });

const listFilters = {
  customerId: z.uuid("Choose a customer").optional(),
  paymentId: z.uuid("This payment does not exist").optional(),
  statuses: z.array(z.enum(REFUND_STATUSES)).max(REFUND_STATUSES.length).optional(),
  reasons: z.array(z.enum(REFUND_REASONS)).max(REFUND_REASONS.length).optional(),
  types: z.array(z.enum(REFUND_TYPES)).max(REFUND_TYPES.length).optional(),
  staffId: z.uuid("Choose a staff member").optional().describe("Only refunds this staff member created"),
  from: z.date().optional().describe("Created at or after this instant"),
  to: z.date().optional().describe("Created at or before this instant"),
  search: z
    .string()
    .trim()
    .max(100, "Search text is too long (100 characters at most)")
    .refine(isStorableLine, "Search text contains control characters")
    .optional()
    .transform((text) => text || undefined)
    .describe("Customer name or email (3 characters or more), or a refund or payment reference"),
};

const fromNotAfterTo = (input: { from?: Date; to?: Date }) => !input.from || !input.to || input.from <= input.to;
const FROM_AFTER_TO = { path: ["to"], message: "The end date is before the start date" };

export const ZRefundListInput = z
  .object({ ...listFilters, cursor: ZCursor, limit: z.number().int().min(1).max(100).default(50) })
  .refine(fromNotAfterTo, FROM_AFTER_TO);
export type RefundListInput = z.output<typeof ZRefundListInput>;

export const ZRefundCsvInput = z.object(listFilters).refine(fromNotAfterTo, FROM_AFTER_TO);
export type RefundCsvInput = z.output<typeof ZRefundCsvInput>;
