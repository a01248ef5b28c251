// Inputs of the credits procedures. Client-safe: forms validate with the same schemas, so an
// amount a form accepts is an amount the server accepts.
import { z } from "zod";
import { CreditEventType } from "@/prisma/generated/enums";
import {
  moneyOf,
  SHOWN_AMOUNT_MISSING,
  ZAmountText,
  ZCurrency,
  ZCursor,
  ZIdempotencyKey,
  ZOptionalText,
  ZShownAmountText,
} from "@/server/lib/zod-fields";

export const CREDIT_EVENT_TYPES = Object.values(CreditEventType);

export const CREDIT_EVENT_LABELS: Record<CreditEventType, string> = {
  ISSUED: "Issued",
  ADJUSTED_UP: "Adjusted up",
  ADJUSTED_DOWN: "Adjusted down",
  VOIDED: "Deleted",
  EXPIRED: "Expired",
  USED: "Used",
  USE_REVERSED: "Use reversed",
  REFUNDED_TO_CREDIT: "Refunded to credit",
};

/** ACTIVE: has unused balance; DEPLETED: nothing left (used or adjusted away); VOIDED: deleted. */
export const CREDIT_STATUSES = ["ACTIVE", "DEPLETED", "EXPIRED", "VOIDED"] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];

const ZMemo = ZOptionalText(500, "memo").describe("Internal note; customers never see it");
const ZNote = ZOptionalText(500, "note").describe("Optional detail stored with the reason");

const ZFutureDate = z
  .date()
  .refine((date) => date.getTime() > Date.now(), "Choose a date in the future")
  .describe("When the unused balance expires; send the end of the chosen day");

const ZReasonId = z.uuid("Choose a reason").describe("An active adjustment reason from settings.options");

export const ZIssueCreditInput = z
  .object({
    idempotencyKey: ZIdempotencyKey,
    customerId: z.uuid("Choose a customer"),
    amount: ZAmountText,
    currency: ZCurrency,
    categoryId: z.uuid("Choose a category").describe("An active category from settings.options"),
    memo: ZMemo,
    expiresAt: ZFutureDate.nullish().transform((date) => date ?? null),
    notifyCustomer: z.boolean().default(false).describe("Queue an SMS (or email without a phone) telling the customer"),
  })
  .transform((input, ctx) => {
    const amountMinor = moneyOf(ctx, { amount: input.amount, currency: input.currency, field: "amount" });
    return amountMinor === null ? z.NEVER : { ...input, amountMinor };
  });
export type IssueCreditInput = z.output<typeof ZIssueCreditInput>;

/** Fields left out stay as they are; memo and expiresAt may be set to null to clear them. */
export const ZUpdateCreditInput = z
  .object({
    idempotencyKey: ZIdempotencyKey,
    creditId: z.uuid("This store credit does not exist"),
    memo: ZMemo.optional(),
    categoryId: z.uuid("Choose a category").optional(),
    expiresAt: ZFutureDate.nullable().optional(),
    amount: ZAmountText.optional().describe("New total amount of the credit; not below what has been used"),
    expectedAmount: ZShownAmountText.optional().describe(
      "The amount the form showed; required with amount. Refused with CONFLICT when the credit's amount is no longer that",
    ),
    currency: ZCurrency.optional().describe("The credit's currency; required with amount, so it can be validated"),
    reasonId: ZReasonId.optional().describe("Required when the amount changes"),
    note: ZNote,
  })
  .transform((input, ctx) => {
    if (input.amount === undefined) return { ...input, amountMinor: undefined, expectedAmountMinor: undefined };
    if (!input.currency) {
      ctx.addIssue({ code: "custom", path: ["currency"], message: "Send the credit's currency with a new amount" });
      return z.NEVER;
    }
    if (input.expectedAmount === undefined) {
      ctx.addIssue({ code: "custom", path: ["expectedAmount"], message: SHOWN_AMOUNT_MISSING });
      return z.NEVER;
    }
    const amountMinor = moneyOf(ctx, { amount: input.amount, currency: input.currency, field: "amount" });
    const expectedAmountMinor = moneyOf(ctx, { amount: input.expectedAmount, currency: input.currency, field: "expectedAmount", allowZero: true });
    return amountMinor === null || expectedAmountMinor === null ? z.NEVER : { ...input, amountMinor, expectedAmountMinor };
  });
export type UpdateCreditInput = z.output<typeof ZUpdateCreditInput>;

export const ZVoidCreditInput = z.object({
  idempotencyKey: ZIdempotencyKey,
  creditId: z.uuid("This store credit does not exist"),
  reasonId: ZReasonId,
  note: ZNote,
});
export type VoidCreditInput = z.output<typeof ZVoidCreditInput>;

export const ZSetBalanceInput = z
  .object({
    idempotencyKey: ZIdempotencyKey,
    customerId: z.uuid("Choose a customer"),
    currency: ZCurrency,
    balance: ZAmountText.describe("The balance the customer should have in this currency; zero or more"),
    expectedBalance: ZShownAmountText.describe("The balance the form showed; refused with CONFLICT when the balance is no longer that"),
    reasonId: ZReasonId,
    note: ZNote,
  })
  .transform((input, ctx) => {
    const balanceMinor = moneyOf(ctx, { amount: input.balance, currency: input.currency, field: "balance", allowZero: true });
    const expectedBalanceMinor = moneyOf(ctx, { amount: input.expectedBalance, currency: input.currency, field: "expectedBalance", allowZero: true });
    return balanceMinor === null || expectedBalanceMinor === null ? z.NEVER : { ...input, balanceMinor, expectedBalanceMinor };
  });
export type SetBalanceInput = z.output<typeof ZSetBalanceInput>;

export const ZSetBalancePreviewInput = z
  .object({
    customerId: z.uuid("Choose a customer"),
    currency: ZCurrency,
    balance: ZAmountText.describe("The balance the customer should have in this currency; zero or more"),
    expectedBalance: ZShownAmountText.describe("The balance the form showed; refused with CONFLICT, as the save would be, when it is no longer that"),
  })
  .transform((input, ctx) => {
    const balanceMinor = moneyOf(ctx, { amount: input.balance, currency: input.currency, field: "balance", allowZero: true });
    const expectedBalanceMinor = moneyOf(ctx, { amount: input.expectedBalance, currency: input.currency, field: "expectedBalance", allowZero: true });
    return balanceMinor === null || expectedBalanceMinor === null ? z.NEVER : { ...input, balanceMinor, expectedBalanceMinor };
  });
export type SetBalancePreviewInput = z.output<typeof ZSetBalancePreviewInput>;

/** A select's choice: an id, or nothing ("" from an untouched select counts as nothing). */
const ZOptionalChoice = (message: string) =>
  z
    .union([z.literal(""), z.uuid(message)], message)
    .optional()
    .transform((id) => id || undefined);

/** What a send is missing about its payment: both are needed above a zero earning, and one needs the other. */
export function sendPaymentChoiceIssues(input: { earningMinor: bigint; infrastructureId?: string | undefined; methodId?: string | undefined }) {
  const issues: { field: "infrastructureId" | "methodId"; message: string }[] = [];
  const isNeeded = input.earningMinor > 0n || Boolean(input.infrastructureId || input.methodId);
  if (!isNeeded) return issues;
  const why = input.earningMinor > 0n ? ": an earning above 0 is recorded as a payment" : " too, or leave both empty";
  if (!input.infrastructureId) issues.push({ field: "infrastructureId", message: `Choose a payment infrastructure${why}` });
  if (!input.methodId) issues.push({ field: "methodId", message: `Choose a payment method${why}` });
  return issues;
}

export const ZSendCreditsInput = z
  .object({
    idempotencyKey: ZIdempotencyKey,
    customerId: z.uuid("Choose the receiving customer").describe("Receiver"),
    amount: ZAmountText.describe("Credit amount the customer receives"),
    currency: ZCurrency,
    infrastructureId: ZOptionalChoice("Choose a payment infrastructure").describe("How the store was paid; required when the earning is above 0"),
    methodId: ZOptionalChoice("Choose a payment method").describe("One of the chosen infrastructure's active methods; required with the infrastructure"),
    earningAmount: ZAmountText.default("0").describe("What the store was paid, same currency; above zero records a manual payment"),
    isRevenue: z.boolean().default(true).describe("Count as real revenue; off marks the payment as non-revenue for reports"),
    categoryId: z.uuid("Choose a category").optional().describe("Defaults to Manual correction"),
    memo: ZMemo,
    expiresAt: ZFutureDate.nullish().transform((date) => date ?? null),
    notifyCustomer: z.boolean().default(false),
  })
  .transform((input, ctx) => {
    const amountMinor = moneyOf(ctx, { amount: input.amount, currency: input.currency, field: "amount" });
    const earningMinor = moneyOf(ctx, { amount: input.earningAmount, currency: input.currency, field: "earningAmount", allowZero: true });
    if (earningMinor === null) return z.NEVER;
    // An earning is recorded as a payment, which needs both; a zero earning records none, so both may be left out.
    const missing = sendPaymentChoiceIssues({ earningMinor, infrastructureId: input.infrastructureId, methodId: input.methodId });
    for (const issue of missing) ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message });
    return amountMinor === null || missing.length > 0 ? z.NEVER : { ...input, amountMinor, earningMinor };
  });
export type SendCreditsInput = z.output<typeof ZSendCreditsInput>;

export const ZCreditIdInput = z.object({ creditId: z.uuid("This store credit does not exist") });

export const ZCreditListInput = z.object({
  customerId: z.uuid("Choose a customer"),
  currency: ZCurrency.optional(),
  status: z.enum(["ACTIVE", "ALL"]).default("ALL").describe("ACTIVE: only credits that can still be spent"),
  cursor: ZCursor,
  limit: z.number().int().min(1).max(100).default(50),
});
export type CreditListInput = z.output<typeof ZCreditListInput>;

const historyFilters = {
  customerId: z.uuid("Choose a customer"),
  currency: ZCurrency.optional(),
  types: z.array(z.enum(CREDIT_EVENT_TYPES)).max(CREDIT_EVENT_TYPES.length).optional().describe("Only these event types"),
  from: z.date().optional().describe("Events at or after this instant"),
  to: z.date().optional().describe("Events at or before this instant"),
};

const fromNotAfterTo = (input: { from?: Date; to?: Date }) => !input.from || !input.to || input.from <= input.to;
const FROM_AFTER_TO = { path: ["to"], message: "The end date is before the start date" };

export const ZCreditHistoryInput = z
  .object({ ...historyFilters, cursor: ZCursor, limit: z.number().int().min(1).max(100).default(50) })
  .refine(fromNotAfterTo, FROM_AFTER_TO);
export type CreditHistoryInput = z.output<typeof ZCreditHistoryInput>;

export const ZCreditHistoryCsvInput = z.object(historyFilters).refine(fromNotAfterTo, FROM_AFTER_TO);
export type CreditHistoryCsvInput = z.output<typeof ZCreditHistoryCsvInput>;

export const ZBalanceHistoryInput = z.object({ customerId: z.uuid("This customer does not exist") });
