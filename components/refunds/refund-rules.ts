// What the refund dialog says and checks before it asks the server. Pure and client-safe; the
// server checks the same rules again under the payment's lock.
import type { RefundType } from "@/prisma/generated/enums";
import { formatMoney, parseAmount } from "@/server/lib/money";
import { channelFor } from "@/server/modules/notifications/notification-channel";

type Refundable = { refundableMinor: bigint; currency: string };

/** Why `text` cannot be refunded of this payment, or null when it can. */
export function refundAmountError(text: string, payment: Refundable): string | null {
  const parsed = parseAmount(text, payment.currency, { allowZero: false });
  if (!parsed.ok) return parsed.message;
  if (parsed.amountMinor > payment.refundableMinor) {
    return `The amount can be at most ${formatMoney(payment.refundableMinor, payment.currency)}, what is left to refund`;
  }
  return null;
}

type RefundFormText = { amount: string; reason: string; explanation: string };

/**
 * The form's errors the schema cannot know (the remainder) or only reports once every other
 * field is valid (amount format, explanation), so all of them show at the first attempt.
 */
export function refundFormErrors(values: RefundFormText, payment: Refundable): { amount?: string; explanation?: string } {
  const errors: { amount?: string; explanation?: string } = {};
  const amount = refundAmountError(values.amount, payment);
  if (amount) errors.amount = amount;
  if (values.reason === "OTHER" && !values.explanation.trim()) errors.explanation = "Explain the reason when you choose Other";
  return errors;
}

/** Where the money goes, as a sentence ends: "Visa •••• 4242", "store credit". */
export const refundDestinationOf = (type: RefundType, methodLabel: string) => (type === "STORE_CREDIT" ? "store credit" : methodLabel);

/** "Refund $25.00 to Visa •••• 4242" */
export function refundSentence(opts: { amountMinor: bigint; currency: string; type: RefundType; methodLabel: string }): string {
  return `Refund ${formatMoney(opts.amountMinor, opts.currency)} to ${refundDestinationOf(opts.type, opts.methodLabel)}`;
}

/** How the customer hears of a refund, by the outbox's own rule, in words for a sentence. */
export function notifyChannelOf(contact: { phone: string | null; email: string }): { channel: "SMS" | "email"; address: string } {
  const { channel, address } = channelFor(contact);
  return { channel: channel === "SMS" ? "SMS" : "email", address };
}
