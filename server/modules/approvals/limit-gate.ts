import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import type { Actor } from "@/server/lib/service-context";
import { checkLimit, type LimitedAction } from "@/server/modules/limits/check-limit";
import type { ApprovalPending } from "./approvals.schema";
import { requestApproval, type ApprovalRequestDraft } from "./request-approval";

/**
 * How a money action's core runs: on the actor's own behalf (above their limit it becomes an
 * approval request), or because a second staff member approved a request (above the approver's own
 * limit it is refused and the request stays pending).
 */
export type ActionMode = { approving: null } | { approving: { requestId: string; requesterId: string } };

export const DIRECT: ActionMode = { approving: null };

/** What the action's audit row records about the approval it ran under, if any. */
export const approvalDetails = (mode: ActionMode) =>
  mode.approving ? { approvalRequestId: mode.approving.requestId, requestedById: mode.approving.requesterId } : {};

/**
 * The limit check every money action makes in its own transaction, before it writes: null when the
 * actor may go ahead (their usage is recorded), or the filed approval request to answer with.
 */
export async function limitGate(
  tx: DbTx,
  actor: Actor,
  mode: ActionMode,
  action: LimitedAction,
  draft: Omit<ApprovalRequestDraft, "amountMinor" | "currency" | "limitReason">,
): Promise<ApprovalPending | null> {
  const decision = await checkLimit(tx, actor, action);
  if (decision.allowed) return null;
  if (mode.approving) {
    throw new AppError("FORBIDDEN", `You cannot approve this: it is ${decision.limitReason}. Someone with a higher limit must approve it`);
  }
  return requestApproval(tx, actor, { ...draft, amountMinor: action.amountMinor, currency: action.currency, limitReason: decision.limitReason });
}
