// Bulk credit from a CSV: the entry point bulk-credits.router.ts calls. Upload and preview in
// upload-batch.ts, start / approval / cancel in start-batch.ts, the job in run-bulk-credits.ts.
import "server-only";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { findBatch, findIssuedWithContent, findRowOfCredit, listRecentBatches, listRows, type BatchRecord } from "./bulk-credits.repo";
import type { BulkBatchInput, BulkBatchView, BulkRowsInput, BulkRowView } from "./bulk-credits.schema";
import { batchApprovalNeed } from "./start-batch";

export { addBulkRows, createBulkDraft, finishBulkUpload } from "./upload-batch";
export { cancelBulkBatch, startBulkBatch } from "./start-batch";

async function viewOf({ db, actor }: ServiceContext, batch: BatchRecord): Promise<BulkBatchView> {
  const isFinishedDraft = batch.status === "DRAFT" && batch.contentSha256 !== null;
  // Counters and totals live on the batch row: polling progress never reads the rows.
  const [duplicateOf, need] = await Promise.all([
    isFinishedDraft ? findIssuedWithContent(db, batch.contentSha256!, batch.id) : null,
    isFinishedDraft && batch.createdById === actor.id ? batchApprovalNeed(db, actor, batch.id) : null,
  ]);
  const doneRows = batch.createdRows + batch.skippedRows + batch.failedRows + batch.cancelledRows;
  return {
    id: batch.id,
    status: batch.status,
    fileName: batch.fileName,
    rowCount: batch.receivedRows,
    validRows: batch.validRows,
    problemRows: batch.invalidRows,
    createdRows: batch.createdRows,
    skippedRows: batch.skippedRows,
    failedRows: batch.failedRows,
    cancelledRows: batch.cancelledRows,
    doneRows,
    totals: batch.totals.map((t) => ({ currency: t.currency, rowCount: t.rowCount, amountMinor: BigInt(t.amountMinor) })),
    createdBy: { id: batch.createdById, name: batch.createdByName },
    createdAt: batch.createdAt,
    startedAt: batch.startedAt,
    finishedAt: batch.finishedAt,
    approvalRequestId: batch.approvalRequestId,
    duplicateOf,
    approvalReason: need?.limitReason ?? null,
  };
}

export async function getBulkBatch(ctx: ServiceContext, input: BulkBatchInput): Promise<BulkBatchView> {
  const batch = await findBatch(ctx.db, input.batchId);
  // Someone else's unfinished upload is theirs alone.
  if (!batch || (batch.status === "DRAFT" && batch.createdById !== ctx.actor.id)) throw new AppError("NOT_FOUND", "This batch does not exist");
  return viewOf(ctx, batch);
}

export async function listBulkRows(ctx: ServiceContext, input: BulkRowsInput): Promise<{ rows: BulkRowView[]; nextAfterLine: number | null }> {
  await getBulkBatch(ctx, { batchId: input.batchId });
  const rows = await listRows(ctx.db, { batchId: input.batchId, statuses: input.statuses ?? null, afterLine: input.afterLine, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  return { rows: page, nextAfterLine: rows.length > input.limit ? page.at(-1)!.line : null };
}

export async function listBulkBatches(ctx: ServiceContext, input: { limit: number }): Promise<BulkBatchView[]> {
  const batches = await listRecentBatches(ctx.db, input.limit);
  return Promise.all(batches.map((batch) => viewOf(ctx, batch)));
}

/** The batch a credit came from (the credit page's link back), or null. */
export const getBatchOfCredit = ({ db }: ServiceContext, input: { creditId: string }) => findRowOfCredit(db, input.creditId);
