import type { Db } from "@/server/db/client";
import type { RefundStatus } from "@/prisma/generated/enums";
import { listStalePendingRefundIds } from "./refunds.repo";
import { settleWithGateway } from "./settle-refund";

export type ReconcileResult = { checked: number; succeeded: number; failed: number; stillPending: number };

/**
 * Settles refunds left PENDING (the gateway did not answer, or the server stopped mid-call) by
 * asking the gateway again with each refund's own gateway key: a refund that was paid is
 * answered from the gateway's books and never paid twice. Refunds younger than `minAgeMs` are
 * left to the request that is probably still waiting for them.
 */
export async function reconcilePendingRefunds(db: Db, opts: { minAgeMs?: number; limit?: number } = {}): Promise<ReconcileResult> {
  const pending = await listStalePendingRefundIds(db, { minAgeMs: opts.minAgeMs ?? 60_000, limit: opts.limit ?? 500 });
  const outcomes: RefundStatus[] = [];
  // One at a time: a provider rate-limits, and a few pending refunds are the normal case.
  for (const id of pending) outcomes.push(await settleWithGateway(db, id, { actor: null }));
  return {
    checked: pending.length,
    succeeded: outcomes.filter((o) => o === "SUCCEEDED").length,
    failed: outcomes.filter((o) => o === "FAILED").length,
    stillPending: outcomes.filter((o) => o === "PENDING").length,
  };
}
