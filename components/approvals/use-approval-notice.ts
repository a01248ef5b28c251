"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { parseMoney } from "@/server/lib/money";
import { approvalReasonFor, type LimitKind } from "@/server/modules/limits/limit-rules";

type TypedAction = {
  kind: LimitKind;
  currency: string;
  amountText: string;
  /** For a raise or a new balance: what the amount is now; only the change counts. */
  fromMinor?: bigint;
};

/** The limit rule's action for what was typed, or null when there is nothing to check. */
export function limitActionOf({ kind, currency, amountText, fromMinor }: TypedAction) {
  const parsed = parseMoney(amountText, currency);
  if (!parsed.ok) return null;
  const change = parsed.amountMinor - (fromMinor ?? 0n);
  if (kind === "set_balance") {
    if (change === 0n) return null;
    return { kind, currency, amountMinor: change < 0n ? -change : change, creditMinor: change > 0n ? change : 0n };
  }
  return change > 0n ? { kind, currency, amountMinor: change } : null;
}

/**
 * Why the typed amount needs a second person's approval ("above your $100.00 single-credit
 * limit"), or null while it can be done directly, is unparsable, or the limits are still loading
 * (the server decides again either way).
 */
export function useApprovalNotice(action: TypedAction): string | null {
  const trpc = useTRPC();
  const limits = useQuery({ ...trpc.limits.mine.queryOptions(), staleTime: 30_000 });
  if (!limits.data || !action.currency) return null;
  const limitAction = limitActionOf(action);
  return limitAction ? approvalReasonFor(limits.data, limitAction) : null;
}
