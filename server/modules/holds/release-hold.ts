import type { Prisma } from "@/prisma/generated/client";
import { pgTransaction } from "@/server/db/client";
import { idempotentTransaction, replaceAnswerSql } from "@/server/lib/idempotency";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { holdEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { executeTogether, spendableOf, togetherSql } from "@/server/modules/credits/ledger";
import { holdOf } from "./capture-hold";
import { holdRequest, type HoldContext, type HoldResult } from "./hold-context";
import { isHoldDue } from "./hold-rules";
import { fastClaimSql, releaseReadSql, holdBalanceLockSql, type HeldLockRow } from "./holds-fast.sql";
import { heldChangeSql, holdsCloseSql, type HoldRecord } from "./holds.repo";
import { lockOpenHold } from "./lock-open-hold";
import type { ReleaseHoldInput } from "./holds.schema";

/**
 * Gives an open hold's money back to the spendable balance (the order was abandoned). Nothing
 * moves in the ledger. Once: a capture, a second release or the expiry that got the balance lock
 * first leaves the hold closed, and this answers CONFLICT.
 *
 * Fast path (releaseHoldFast): claim, lock + give the held amount back, read the hold, write, on
 * one pg connection; a used or busy key or a closed or due hold rolls back to the general path.
 */
export async function releaseHold(ctx: HoldContext, input: ReleaseHoldInput): Promise<HoldResult> {
  return (await releaseHoldFast(ctx, input)) ?? releaseHoldGeneral(ctx, input);
}

/** Round trips: BEGIN, claim, lock + held, read, write, COMMIT. Null (rolled back) when the general path must answer. */
export function releaseHoldFast(ctx: HoldContext, input: ReleaseHoldInput): Promise<HoldResult | null> {
  const request = holdRequest(ctx, "hold.release", input);
  return pgTransaction(ctx.db, async (query) => {
    if ((await query(fastClaimSql(request), { name: request.refuseConcurrent ? "hold_release_claim_api" : "hold_release_claim" })).length === 0) return null;
    const [locked] = await query<HeldLockRow>(holdBalanceLockSql(input.holdId), { name: "hold_balance_lock" });
    if (!locked) return null;
    const now = new Date();
    const [row] = await query<HoldRecord>(releaseReadSql(input.holdId), { name: "hold_release_read" });
    if (!row || row.status !== "PLACED" || isHoldDue(row, now)) return null;
    const hold = holdOf(row);
    const { result, statements } = releaseWrites(ctx, hold, { balanceMinor: locked.balanceMinor, heldAfterMinor: locked.heldMinor - hold.amountMinor }, now);
    await query(togetherSql([...statements, replaceAnswerSql(request, result)]));
    return result;
  });
}

export function releaseHoldGeneral(ctx: HoldContext, input: ReleaseHoldInput): Promise<HoldResult> {
  return idempotentTransaction<HoldResult>(ctx.db, holdRequest(ctx, "hold.release", input), async (tx, { resultSql }) => {
    const now = new Date();
    const { key, locked, hold } = await lockOpenHold(tx, input.holdId, now);
    const { result, statements } = releaseWrites(ctx, hold, { balanceMinor: locked.balanceMinor, heldAfterMinor: locked.heldMinor - hold.amountMinor }, now);
    await executeTogether(tx, [...statements, heldChangeSql(key, -hold.amountMinor), resultSql(result)]);
    return result;
  });
}

/** The release's result and writes, the same on both paths; not the held amount's change (each path writes its own). */
function releaseWrites(
  ctx: HoldContext,
  hold: HoldRecord,
  { balanceMinor, heldAfterMinor }: { balanceMinor: bigint; heldAfterMinor: bigint },
  now: Date,
): { result: HoldResult; statements: Prisma.Sql[] } {
  const result: HoldResult = {
    hold: { ...hold, status: "RELEASED", closedAt: now },
    balanceMinor,
    spendableMinor: spendableOf(balanceMinor, heldAfterMinor),
  };
  return {
    result,
    statements: [
      holdsCloseSql([hold.id], { status: "RELEASED", closedAt: now }),
      auditInsertSql({
        actor: ctx.actor,
        apiKeyId: ctx.apiKeyId,
        action: "hold.release",
        entityType: "credit_hold",
        entityId: hold.id,
        customerId: hold.customerId,
        before: { status: "PLACED" },
        after: { status: "RELEASED" },
        details: { currency: hold.currency, amountMinor: hold.amountMinor, orderRef: hold.orderRef, apiKeyId: ctx.apiKeyId },
      }),
      webhookEventSql(holdEvent("hold.released", { ...hold, reason: "released" })),
    ],
  };
}
