// The bulk-credit job (server/jobs/job-list.ts): workers lease chunks of running batches and
// issue each row through the single-credit service (issue-credit.ts) under a key derived from
// the batch and the line (uuid v5), so a chunk retried after a crash issues nothing twice: rows
// whose key a crashed run already used are answered by that first credit and count as skipped.
import type { Db } from "@/server/db/client";
import { isAppError } from "@/server/lib/app-error";
import { toDecimalString } from "@/server/lib/money";
import type { Actor } from "@/server/lib/service-context";
import { uuid5 } from "@/server/lib/uuid5";
import { isApprovalPending } from "@/server/modules/approvals/approvals.schema";
import type { IssueCreditInput } from "@/server/modules/credits/credits.schema";
import { issueCredit, issueCreditsFast } from "@/server/modules/credits/issue-credit";
import { getStaffActor } from "@/server/modules/staff/staff.service";
import { claimChunk, finishChunk, pendingRowsOf, releaseChunk, usedKeys, type ChunkClaim, type PendingRow, type RowOutcome } from "./bulk-credits.repo";

/** The namespace of the rows' idempotency keys: uuid5(`${batchId}:${line}`, BULK_KEY_NAMESPACE). */
export const BULK_KEY_NAMESPACE = "5b0c3a52-6c2e-4d0e-9b7e-0d5b1c2a9f10";
export const bulkRowKey = (batchId: string, line: number) => uuid5(`${batchId}:${line}`, BULK_KEY_NAMESPACE);

export type BulkRunOptions = {
  /** Chunks issued at the same time by this run. */
  parallel: number;
  leaseSeconds: number;
  /** The run stops taking chunks after this long (the queue runs the job again next period). */
  budgetMs?: number;
  /** Asked before each chunk: true stops the run (the worker is shutting down). */
  isStopping?: () => boolean;
  log?: (line: string) => void;
};

export type BulkRunResult = { chunks: number; rows: number; created: number; skipped: number; failed: number; cancelled: number };

const OUTCOME_COUNTER = { CREATED: "created", SKIPPED: "skipped", FAILED: "failed", CANCELLED: "cancelled" } as const;

/** One run: takes chunks until none is open (or the budget is spent), `parallel` at a time. */
export async function runBulkCredits(db: Db, opts: BulkRunOptions): Promise<BulkRunResult> {
  const result: BulkRunResult = { chunks: 0, rows: 0, created: 0, skipped: 0, failed: 0, cancelled: 0 };
  const until = Date.now() + (opts.budgetMs ?? 10 * 60_000);
  const actors = new Map<string, Promise<Actor | null>>();
  const lane = async () => {
    while (Date.now() < until && !opts.isStopping?.()) {
      const chunk = await claimChunk(db, opts.leaseSeconds);
      if (!chunk) return;
      actors.set(chunk.issuedById, actors.get(chunk.issuedById) ?? getStaffActor(db, chunk.issuedById));
      const actor = await actors.get(chunk.issuedById)!;
      try {
        const outcomes = await issueChunk(db, actor, chunk);
        result.chunks += 1;
        result.rows += outcomes.length;
        for (const o of outcomes) result[OUTCOME_COUNTER[o.status]] += 1;
        // Inside a web server the event loop serves the requests waiting before the next chunk.
        await new Promise((resolve) => setImmediate(resolve));
      } catch (error) {
        // Not done: give it back for the next try (the rows' keys keep every credit single).
        await releaseChunk(db, chunk).catch(() => {});
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.parallel }, lane));
  return result;
}

/**
 * Issues a chunk's waiting rows and records each outcome. A chunk of a cancelled batch (taken
 * again after its worker died) issues nothing: rows that worker already issued stay issued
 * (recorded as skipped, with their credit), the others are cancelled.
 */
export async function issueChunk(db: Db, actor: Actor | null, chunk: ChunkClaim): Promise<RowOutcome[]> {
  const { rows, inputs } = await chunkInputsOf(db, chunk);
  if (!actor) {
    const outcomes = rows.map((row) => ({ line: row.line, status: "FAILED" as const, creditId: null, message: "The staff member issuing this batch no longer exists" }));
    await finishChunk(db, chunk, outcomes);
    return outcomes;
  }
  const ctx = { db, actor };
  // Keys used before this try: a crashed run issued those rows already.
  const used = await usedKeys(db, { actorId: actor.id, operation: "credit.issue", keys: inputs.map((input) => input.idempotencyKey) });
  const isCancelled = chunk.batchStatus !== "RUNNING";
  const fresh = isCancelled ? [] : inputs.filter((input) => !used.has(input.idempotencyKey));
  const fast = fresh.length === 0 ? null : await issueCreditsFast(ctx, fresh).catch(() => null);
  const fastByKey = new Map<string, string>();
  fresh.forEach((input, index) => {
    const written = fast?.[index];
    if (written) fastByKey.set(input.idempotencyKey, written.creditId);
  });
  const outcomes: RowOutcome[] = [];
  for (const [index, input] of inputs.entries()) {
    const line = rows[index]!.line;
    const fastCredit = fastByKey.get(input.idempotencyKey);
    if (fastCredit) {
      outcomes.push({ line, status: "CREATED", creditId: fastCredit, message: null });
      continue;
    }
    if (isCancelled && !used.has(input.idempotencyKey)) {
      outcomes.push({ line, status: "CANCELLED", creditId: null, message: null });
      continue;
    }
    // The same service as a single credit: replays answer the first credit, refusals their reason.
    try {
      const issued = await issueCredit(ctx, input);
      if (isApprovalPending(issued)) outcomes.push({ line, status: "FAILED", creditId: null, message: `Needs approval: ${issued.approvalRequest.limitReason}` });
      else outcomes.push({ line, status: used.has(input.idempotencyKey) ? "SKIPPED" : "CREATED", creditId: issued.creditId, message: null });
    } catch (error) {
      if (!isAppError(error)) throw error;
      outcomes.push({ line, status: "FAILED", creditId: null, message: error.message });
    }
  }
  await finishChunk(db, chunk, outcomes);
  return outcomes;
}

/** A chunk's waiting rows and the single-credit inputs they issue as (keys from batch and line). */
export async function chunkInputsOf(db: Db, chunk: Pick<ChunkClaim, "batchId" | "firstLine" | "lastLine">) {
  const rows = await pendingRowsOf(db, chunk);
  return { rows, inputs: rows.map((row) => inputOf(chunk.batchId, row)) };
}

function inputOf(batchId: string, row: PendingRow): IssueCreditInput {
  return {
    idempotencyKey: bulkRowKey(batchId, row.line),
    customerId: row.customerId,
    amount: toDecimalString(row.amountMinor, row.currency),
    amountMinor: row.amountMinor,
    currency: row.currency,
    categoryId: row.categoryId,
    memo: row.memo,
    expiresAt: row.expiresAt,
    notifyCustomer: row.notify,
  };
}
