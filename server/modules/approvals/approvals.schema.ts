// Inputs and views of the approvals procedures (four eyes). Client-safe.
import { z } from "zod";
import { ZCursor, ZIdempotencyKey, ZLineText } from "@/server/lib/zod-fields";

/** The money operations that can wait for approval, by their idempotency operation name. */
export const APPROVABLE_OPERATIONS = ["credit.issue", "credit.send", "credit.update", "credit.set_balance", "refund.create", "credit.bulk"] as const;
export type ApprovableOperation = (typeof APPROVABLE_OPERATIONS)[number];

export const APPROVABLE_OPERATION_LABELS: Record<ApprovableOperation, string> = {
  "credit.issue": "Add store credit",
  "credit.send": "Send credits",
  "credit.update": "Raise a credit's amount",
  "credit.set_balance": "Set balance",
  "refund.create": "Refund a payment",
  "credit.bulk": "Bulk credit from a CSV",
};

export const APPROVAL_STATUSES = ["PENDING", "APPROVED", "REJECTED", "EXPIRED"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  PENDING: "Awaiting approval",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  EXPIRED: "Expired",
};

/** Requests not decided within this long expire (the approvals:expire job). */
export const APPROVAL_LIFETIME_DAYS = 7;

/**
 * What a money procedure (credits.issue/send/update/setBalance, refunds.create) answers instead of
 * its usual result when the action is above the actor's limit: nothing moved, a request was filed.
 * Replays of the same idempotency key answer the same.
 */
export type ApprovalPending = {
  approvalRequest: { id: string; status: "PENDING"; limitReason: string };
};

export const isApprovalPending = (result: unknown): result is ApprovalPending =>
  typeof result === "object" && result !== null && "approvalRequest" in result;

/** One request as lists and panels show it. */
export type ApprovalRequestView = {
  id: string;
  operation: ApprovableOperation;
  status: ApprovalStatus;
  /** Null for a bulk credit batch, which credits many customers. */
  customer: { id: string; name: string } | null;
  /** The bulk batch a "credit.bulk" request starts. */
  bulkBatchId: string | null;
  amountMinor: bigint;
  currency: string;
  /** Why it needed approval, e.g. "above your $100.00 single-credit limit". */
  limitReason: string;
  /** The action's own reason / memo / note as the requester wrote it, if any. */
  requesterNote: string | null;
  requester: { id: string; name: string };
  createdAt: Date;
  expiresAt: Date;
  decidedBy: { id: string; name: string } | null;
  decidedAt: Date | null;
  decisionReason: string | null;
};

export type ApprovalDecisionResult = { request: ApprovalRequestView };

export const ZApprovalListInput = z.object({
  status: z.enum(APPROVAL_STATUSES).default("PENDING"),
  cursor: ZCursor,
  limit: z.number().int().min(1).max(100).default(50),
});

export const ZCustomerApprovalsInput = z.object({ customerId: z.uuid("Choose a customer") });

export const ZApproveInput = z.object({
  idempotencyKey: ZIdempotencyKey,
  requestId: z.uuid("This approval request does not exist"),
});

export const ZRejectInput = z.object({
  idempotencyKey: ZIdempotencyKey,
  requestId: z.uuid("This approval request does not exist"),
  reason: ZLineText(500, "reason"),
});

export type ApproveInput = z.infer<typeof ZApproveInput>;
export type RejectInput = z.infer<typeof ZRejectInput>;
