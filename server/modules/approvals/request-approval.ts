import type { DbTx } from "@/server/db/client";
import type { Actor } from "@/server/lib/service-context";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { executeTogether } from "@/server/modules/credits/ledger";
import { insertApprovalRequestSql } from "./approvals.repo";
import { APPROVAL_LIFETIME_DAYS, type ApprovableOperation, type ApprovalPending } from "./approvals.schema";

export type ApprovalRequestDraft = {
  operation: ApprovableOperation;
  input: { idempotencyKey: string };
  /** Null for a bulk credit batch. */
  customerId: string | null;
  amountMinor: bigint;
  currency: string;
  limitReason: string;
  requesterNote: string | null;
};

/**
 * Files the action for a second staff member instead of doing it, inside the action's own
 * transaction: the caller stores the answer under the action's idempotency key, so a replay answers
 * the same request. Nothing moves.
 */
export async function requestApproval(tx: DbTx, actor: Actor, draft: ApprovalRequestDraft): Promise<ApprovalPending> {
  const id = uuid7();
  const expiresAt = new Date(Date.now() + APPROVAL_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
  await executeTogether(tx, [
    insertApprovalRequestSql({ id, requesterId: actor.id, idempotencyKey: draft.input.idempotencyKey, expiresAt, ...draft }),
    auditInsertSql({
      actor,
      action: "approval.request",
      entityType: "approval_request",
      entityId: id,
      customerId: draft.customerId,
      reason: draft.limitReason,
      details: { operation: draft.operation, amountMinor: draft.amountMinor, currency: draft.currency, expiresAt },
    }),
  ]);
  return { approvalRequest: { id, status: "PENDING", limitReason: draft.limitReason } };
}
