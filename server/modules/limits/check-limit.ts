import type { DbTx } from "@/server/db/client";
import type { Actor } from "@/server/lib/service-context";
import { approvalReasonFor, type ActorLimits, type LimitKind } from "./limit-rules";
import { lockUsage, recordUsage, usageInLastDay } from "./limit-usage.repo";
import { findMoneyLimit } from "./limits.repo";

export type LimitedAction = {
  kind: LimitKind;
  currency: string;
  /** For set_balance, the size of the change in either direction. */
  amountMinor: bigint;
  /** For set_balance, the increase (counts towards the daily credit total). */
  creditMinor?: bigint;
};

export type LimitDecision = { allowed: true } | { allowed: false; limitReason: string };

/** The built-in ADMIN role has no money limits: nothing to read, lock or record. */
export const hasNoLimits = (actor: Pick<Actor, "role">) => actor.role === "ADMIN";

/**
 * Inside the money action's transaction: serialises the actor's actions in this currency, reads
 * their role's limit and last-24-hours usage, and either records the usage (allowed) or says why
 * the action needs approval (nothing recorded). The built-in ADMIN role runs no query at all.
 */
export async function checkLimit(tx: DbTx, actor: Actor, action: LimitedAction): Promise<LimitDecision> {
  if (hasNoLimits(actor)) return { allowed: true };
  await lockUsage(tx, actor.id, action.currency);
  const limit = await findMoneyLimit(tx, actor.role, action.currency);
  const used = limit ? await usageInLastDay(tx, actor.id, action.currency) : { credit: 0n, refund: 0n };
  const limits: ActorLimits = {
    isUnlimited: false,
    byCurrency: limit ? { [action.currency]: { limit, usedCreditMinor: used.credit, usedRefundMinor: used.refund } } : {},
  };
  const limitReason = approvalReasonFor(limits, action);
  if (limitReason !== null) return { allowed: false, limitReason };
  const usageKind = action.kind === "refund" ? "refund" : "credit";
  const usageMinor = action.kind === "set_balance" ? (action.creditMinor ?? 0n) : action.amountMinor;
  if (usageMinor > 0n) await recordUsage(tx, [{ staffId: actor.id, kind: usageKind, currency: action.currency, amountMinor: usageMinor }]);
  return { allowed: true };
}
