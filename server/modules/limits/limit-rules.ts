// Which money actions a staff member may do directly and which need a second person's approval.
// Client-safe and pure: the server decides with it inside the action's transaction (after locking
// the actor's rolling 24-hour totals), and dialogs use the same rule to say so before submitting.
import { formatMoney } from "@/server/lib/money";

/** What a limit counts: an issued/sent/raised credit, a refund, or a set-balance change. */
export type LimitKind = "credit" | "refund" | "set_balance";

/** One role's limits in one currency; null is an explicit "no limit". */
export type MoneyLimitRow = {
  currency: string;
  maxCreditMinor: bigint | null;
  maxRefundMinor: bigint | null;
  maxSetBalanceChangeMinor: bigint | null;
  dailyCreditMinor: bigint | null;
  dailyRefundMinor: bigint | null;
};

/** A staff member's limits as they stand now, with what they used in the last 24 hours. */
export type ActorLimits = {
  /** The built-in ADMIN role is never limited. */
  isUnlimited: boolean;
  /** Currencies without a row are absent: every amount in them needs approval. */
  byCurrency: Record<string, { limit: MoneyLimitRow; usedCreditMinor: bigint; usedRefundMinor: bigint }>;
};

const amount = (minor: bigint, currency: string) => formatMoney(minor, currency);

/**
 * Why `amountMinor` of `kind` needs approval for this actor, as a phrase for "Needs approval: …"
 * ("above your $100.00 single-credit limit"), or null when they may do it directly. For
 * set_balance, `amountMinor` is the size of the change (either direction); an increase also
 * counts as credit towards the daily credit total (`creditMinor`).
 */
export function approvalReasonFor(
  limits: ActorLimits,
  action: { kind: LimitKind; currency: string; amountMinor: bigint; creditMinor?: bigint },
): string | null {
  if (limits.isUnlimited) return null;
  const entry = limits.byCurrency[action.currency];
  if (!entry) return `your role has no ${action.currency} limits set`;
  const { limit } = entry;
  const { currency, amountMinor } = action;
  if (action.kind === "refund") {
    if (limit.maxRefundMinor !== null && amountMinor > limit.maxRefundMinor) return `above your ${amount(limit.maxRefundMinor, currency)} single-refund limit`;
    if (limit.dailyRefundMinor !== null && entry.usedRefundMinor + amountMinor > limit.dailyRefundMinor) {
      return `above your ${amount(limit.dailyRefundMinor, currency)} refund limit per 24 hours (${amount(entry.usedRefundMinor, currency)} used)`;
    }
    return null;
  }
  if (action.kind === "set_balance" && limit.maxSetBalanceChangeMinor !== null && amountMinor > limit.maxSetBalanceChangeMinor) {
    return `above your ${amount(limit.maxSetBalanceChangeMinor, currency)} set-balance change limit`;
  }
  const creditMinor = action.kind === "credit" ? amountMinor : (action.creditMinor ?? 0n);
  if (creditMinor === 0n) return null;
  if (action.kind === "credit" && limit.maxCreditMinor !== null && creditMinor > limit.maxCreditMinor) {
    return `above your ${amount(limit.maxCreditMinor, currency)} single-credit limit`;
  }
  if (limit.dailyCreditMinor !== null && entry.usedCreditMinor + creditMinor > limit.dailyCreditMinor) {
    return `above your ${amount(limit.dailyCreditMinor, currency)} credit limit per 24 hours (${amount(entry.usedCreditMinor, currency)} used)`;
  }
  return null;
}
