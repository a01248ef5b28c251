// Starting and cancelling a bulk batch. Starting checks the uploader's limits against the batch
// as a whole: within them it runs at once (the job issues each row through the single-credit
// service); above them the whole batch becomes one approval request, and approving it starts the
// batch under the approver. Both write the batch's own audit row in the same transaction.
import type { ServiceContext, Actor } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { config } from "@/server/config";
import { formatMoney } from "@/server/lib/money";
import { idempotentTransaction } from "@/server/lib/idempotency";
import type { DbTx } from "@/server/db/client";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { executeTogether } from "@/server/modules/credits/ledger";
import { hasNoLimits } from "@/server/modules/limits/check-limit";
import { limitsOfActor } from "@/server/modules/limits/limits.service";
import { requestApproval } from "@/server/modules/approvals/request-approval";
import type { ActionMode } from "@/server/modules/approvals/limit-gate";
import {
  cancelBatch,
  currencyTotals,
  findBatch,
  findIssuedWithContent,
  largestAmounts,
  markPendingApprovalSql,
  startBatchSql,
} from "./bulk-credits.repo";
import type { BulkBatchInput, BulkStartInput, BulkStartResult } from "./bulk-credits.schema";

export const BULK_START_OPERATION = "credit.bulk";

export type BatchApprovalNeed = { limitReason: string; currency: string; amountMinor: bigint } | null;

/**
 * Why the batch needs approval for this actor, or null: a row above their single-credit limit,
 * a currency's total above what is left of their 24-hour credit limit, or a currency without limits.
 */
export async function batchApprovalNeed(db: DbTx, actor: Actor, batchId: string): Promise<BatchApprovalNeed> {
  if (hasNoLimits(actor)) return null;
  const [limits, totals, largest] = await Promise.all([limitsOfActor(db, actor), currencyTotals(db, batchId), largestAmounts(db, batchId)]);
  for (const total of totals) {
    const { currency } = total;
    const need = (limitReason: string) => ({ limitReason, currency, amountMinor: total.amountMinor });
    const entry = limits.byCurrency[currency];
    if (!entry) return need(`your role has no ${currency} limits set`);
    const top = largest.find((row) => row.currency === currency);
    const { maxCreditMinor, dailyCreditMinor } = entry.limit;
    if (top && maxCreditMinor !== null && top.amountMinor > maxCreditMinor) {
      return need(`line ${top.line} (${formatMoney(top.amountMinor, currency)}) is above your ${formatMoney(maxCreditMinor, currency)} single-credit limit`);
    }
    if (dailyCreditMinor !== null && entry.usedCreditMinor + total.amountMinor > dailyCreditMinor) {
      return need(
        `the ${currency} total ${formatMoney(total.amountMinor, currency)} is above your ${formatMoney(dailyCreditMinor, currency)} credit limit per 24 hours (${formatMoney(entry.usedCreditMinor, currency)} used)`,
      );
    }
  }
  return null;
}

/** "Issue N credits": runs the batch, or files it for approval as one request. A replay answers the same. */
export function startBulkBatch({ db, actor }: ServiceContext, input: BulkStartInput): Promise<BulkStartResult> {
  return idempotentTransaction<BulkStartResult>(db, { actor, key: input.idempotencyKey, operation: "credit.bulk_start", request: input }, async (tx) => {
    const batch = await findBatch(tx, input.batchId, { forUpdate: true });
    if (!batch) throw new AppError("NOT_FOUND", "This batch does not exist");
    if (batch.createdById !== actor.id) throw new AppError("FORBIDDEN", "Only the staff member who uploaded this file can issue it");
    if (batch.status !== "DRAFT" || batch.contentSha256 === null) throw new AppError("CONFLICT", "This batch was already started or its upload is not finished");
    const earlier = await findIssuedWithContent(tx, batch.contentSha256, batch.id);
    if (earlier) throw new AppError("CONFLICT", `This file was already issued on ${earlier.issuedAt.toISOString().slice(0, 10)} by ${earlier.issuedBy}; nothing new was issued`);
    if (batch.validRows === 0) throw new AppError("BAD_INPUT", "The file has no valid rows to issue");
    const totals = await currencyTotals(tx, batch.id);
    const need = await batchApprovalNeed(tx, actor, batch.id);
    const details = { fileName: batch.fileName, rows: batch.validRows, totals: totals.map((t) => ({ currency: t.currency, amountMinor: t.amountMinor, rows: t.rowCount })) };
    if (need) {
      const pending = await requestApproval(tx, actor, {
        operation: BULK_START_OPERATION,
        input: { idempotencyKey: input.idempotencyKey, batchId: batch.id } as never,
        customerId: null,
        amountMinor: need.amountMinor,
        currency: need.currency,
        limitReason: `bulk credit of ${batch.validRows} rows: ${need.limitReason}`,
        requesterNote: `Bulk credit from ${batch.fileName}: ${batch.validRows} credits`,
      });
      await executeTogether(tx, [
        markPendingApprovalSql(batch.id, pending.approvalRequest.id),
        auditInsertSql({ actor, action: "credit.bulk_start", entityType: "bulk_credit_batch", entityId: batch.id, after: { status: "PENDING_APPROVAL" }, details: { ...details, approvalRequestId: pending.approvalRequest.id } }),
      ]);
      return { status: "PENDING_APPROVAL", batchId: batch.id, approvalRequestId: pending.approvalRequest.id, limitReason: pending.approvalRequest.limitReason };
    }
    await executeTogether(tx, [
      ...startBatchSql(batch.id, actor.id, config().BULK_CREDITS_CHUNK_ROWS),
      auditInsertSql({ actor, action: "credit.bulk_start", entityType: "bulk_credit_batch", entityId: batch.id, after: { status: "RUNNING" }, details }),
    ]);
    return { status: "RUNNING", batchId: batch.id };
  });
}

/**
 * An approved batch starts under the approver, in the decision's transaction: the job then issues
 * each row as them (their limits apply to each credit).
 */
export async function startApprovedBatchInTx(tx: DbTx, approver: Actor, input: { batchId: string }, mode: ActionMode): Promise<{ batchId: string }> {
  const batch = await findBatch(tx, input.batchId, { forUpdate: true });
  if (!batch || batch.status !== "PENDING_APPROVAL") throw new AppError("CONFLICT", "This bulk batch is no longer waiting for approval");
  // As for a single credit: above the approver's own limits the approval is refused (the request
  // stays pending), so no row of the batch files a request of its own.
  const need = await batchApprovalNeed(tx, approver, batch.id);
  if (need) throw new AppError("FORBIDDEN", `You cannot approve this: ${need.limitReason}. Someone with a higher limit must approve it`);
  await executeTogether(tx, [
    ...startBatchSql(batch.id, approver.id, config().BULK_CREDITS_CHUNK_ROWS),
    auditInsertSql({
      actor: approver,
      action: "credit.bulk_start",
      entityType: "bulk_credit_batch",
      entityId: batch.id,
      before: { status: "PENDING_APPROVAL" },
      after: { status: "RUNNING" },
      details: { fileName: batch.fileName, rows: batch.validRows, approvalRequestId: mode.approving?.requestId ?? null },
    }),
  ]);
  return { batchId: batch.id };
}

/** Cancels a running batch: rows already issued stay issued, the rest are never issued. */
export async function cancelBulkBatch({ db, actor }: ServiceContext, input: BulkBatchInput): Promise<{ cancelledRows: number }> {
  return db.$transaction(async (tx) => {
    const batch = await findBatch(tx, input.batchId, { forUpdate: true });
    if (!batch) throw new AppError("NOT_FOUND", "This batch does not exist");
    if (batch.status !== "RUNNING") throw new AppError("CONFLICT", "Only a batch that is issuing can be cancelled");
    const cancelledRows = await cancelBatch(tx, batch.id, actor.id);
    await tx.$executeRaw(
      auditInsertSql({ actor, action: "credit.bulk_cancel", entityType: "bulk_credit_batch", entityId: batch.id, before: { status: "RUNNING" }, after: { status: "CANCELLED" }, details: { cancelledRows } }),
    );
    return { cancelledRows };
  });
}
