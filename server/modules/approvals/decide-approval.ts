import superjson from "superjson";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { formatDateTime } from "@/server/lib/dates";
import { idempotentTransaction, replaceAnswerSql } from "@/server/lib/idempotency";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { executeTogether } from "@/server/modules/credits/ledger";
import { finishRefund, type RecordedRefund } from "@/server/modules/refunds/create-refund";
import { getStoreDateStyle } from "@/server/modules/settings/settings.service";
import { decideApprovalSql, findApprovalView, lockApprovalRequest, rejectBulkBatchSql, type LockedApprovalRequest } from "./approvals.repo";
import { APPROVAL_STATUS_LABELS, type ApprovalDecisionResult, type ApproveInput, type RejectInput } from "./approvals.schema";
import { runApprovedAction } from "./run-approved-action";

/** Locks the request and refuses a decision on anything but someone else's live pending request. */
async function lockDecidable(tx: Parameters<typeof lockApprovalRequest>[0], requestId: string, deciderId: string): Promise<LockedApprovalRequest> {
  const request = await lockApprovalRequest(tx, requestId);
  if (!request) throw new AppError("NOT_FOUND", "This approval request does not exist", "requestId");
  // The store's date style is read only on the way to a refusal that names a time.
  const at = async (date: Date) => `${formatDateTime(date, { style: await getStoreDateStyle(tx), timeZone: "UTC" })} UTC`;
  if (request.status !== "PENDING") {
    const by = request.decidedBy ? ` by ${request.decidedBy.name}` : "";
    const on = request.decidedAt ? ` on ${await at(request.decidedAt)}` : "";
    throw new AppError("CONFLICT", `Already ${APPROVAL_STATUS_LABELS[request.status].toLowerCase()}${by}${on}`);
  }
  if (request.expiresAt <= new Date()) throw new AppError("CONFLICT", `This request expired on ${await at(request.expiresAt)}`);
  if (request.requester.id === deciderId) throw new AppError("FORBIDDEN", "Another staff member must decide on your own request");
  return request;
}

/**
 * Approves a request: runs its action once, as the approver and under the requester's original
 * idempotency key (whose answer becomes the action's result), re-checking every rule and the
 * approver's own limit now; marks it approved and audits the decision, all in one transaction. A
 * refusal leaves the request pending. A second approver waits on the row lock, then is told who
 * decided.
 */
export async function approveRequest({ db, actor }: ServiceContext, input: ApproveInput): Promise<ApprovalDecisionResult> {
  const outcome = await idempotentTransaction<{ refund: RecordedRefund | null }>(
    db,
    { actor, key: input.idempotencyKey, operation: "approval.approve", request: input },
    async (tx) => {
      const request = await lockDecidable(tx, input.requestId, actor.id);
      const action = superjson.deserialize(request.input as Parameters<typeof superjson.deserialize>[0]);
      const requesterKey = { actor: { id: request.requester.id }, operation: request.operation, key: request.idempotencyKey, request: action };
      const done = await runApprovedAction(tx, actor, request.operation, action, {
        mode: { approving: { requestId: request.id, requesterId: request.requester.id } },
        resultSql: (result) => replaceAnswerSql(requesterKey, result),
      });
      await executeTogether(tx, [
        decideApprovalSql(request.id, { status: "APPROVED", deciderId: actor.id, reason: null }),
        auditInsertSql({
          actor,
          action: "approval.approve",
          entityType: "approval_request",
          entityId: request.id,
          customerId: request.customer?.id ?? null,
          before: { status: "PENDING" },
          after: { status: "APPROVED" },
          details: { operation: request.operation, amountMinor: request.amountMinor, currency: request.currency, requestedById: request.requester.id },
        }),
      ]);
      return done;
    },
  );
  // A refund to the original method is paid out after the commit, as a direct refund is.
  if (outcome.refund) await finishRefund(db, actor, outcome.refund);
  return { request: (await findApprovalView(db, input.requestId))! };
}

/** Rejects a request with a reason: writes only the decision and its audit row. */
export async function rejectRequest({ db, actor }: ServiceContext, input: RejectInput): Promise<ApprovalDecisionResult> {
  await idempotentTransaction<{ requestId: string }>(db, { actor, key: input.idempotencyKey, operation: "approval.reject", request: input }, async (tx) => {
    const request = await lockDecidable(tx, input.requestId, actor.id);
    await executeTogether(tx, [
      decideApprovalSql(request.id, { status: "REJECTED", deciderId: actor.id, reason: input.reason }),
      ...(request.operation === "credit.bulk" ? [rejectBulkBatchSql(request.id)] : []),
      auditInsertSql({
        actor,
        action: "approval.reject",
        entityType: "approval_request",
        entityId: request.id,
        customerId: request.customer?.id ?? null,
        reason: input.reason,
        before: { status: "PENDING" },
        after: { status: "REJECTED" },
        details: { operation: request.operation, amountMinor: request.amountMinor, currency: request.currency, requestedById: request.requester.id },
      }),
    ]);
    return { requestId: request.id };
  });
  return { request: (await findApprovalView(db, input.requestId))! };
}
