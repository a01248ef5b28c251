import type { Prisma } from "@/prisma/generated/client";
import { pgTransaction } from "@/server/db/client";
import { AppError, isAppError } from "@/server/lib/app-error";
import { idempotentTransaction, replaceAnswerSql } from "@/server/lib/idempotency";
import { formatMoney } from "@/server/lib/money";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { holdEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { openCreditsForUpdate } from "@/server/modules/credits/credits.repo";
import { expireDueCredits } from "@/server/modules/credits/expire-credits";
import { executeTogether, spendableOf, togetherSql, type LedgerKey } from "@/server/modules/credits/ledger";
import { planSpend, type SpendResult } from "@/server/modules/credits/spend-credit";
import { holdRequest, type HoldContext, type HoldResult } from "./hold-context";
import { assertHoldOpen, captureAmountOf } from "./hold-rules";
import { captureReadSql, fastClaimSql, holdBalanceLockSql, type CaptureReadRow, type HeldLockRow } from "./holds-fast.sql";
import { heldChangeSql, holdsCloseSql, type HoldRecord } from "./holds.repo";
import { lockOpenHold } from "./lock-open-hold";
import type { CaptureHoldInput } from "./holds.schema";

export type CaptureResult = HoldResult & { spend: SpendResult };

/**
 * Turns an open hold into a spend of `amountMinor` (default all of it) linked to its order: the
 * spend code's USED events, earliest-expiring credits first, with the order reference as their
 * reason; the rest of the hold is released in the same transaction. Once: a second capture, or a
 * release or expiry that got the balance lock first, finds the hold closed (CONFLICT).
 *
 * Fast path (captureHoldFast): claim, lock + give the held amount back, read the hold and the
 * credits, write, on one pg connection. Anything else (a used or busy key, a closed or due hold,
 * a wrong amount, a shortfall, a credit due for expiry) rolls back and takes the general path.
 */
export async function captureHold(ctx: HoldContext, input: CaptureHoldInput): Promise<CaptureResult> {
  return (await captureHoldFast(ctx, input)) ?? captureHoldGeneral(ctx, input);
}

/** Round trips: BEGIN, claim, lock + held, read, write, COMMIT. Null (rolled back) when the general path must answer. */
export function captureHoldFast(ctx: HoldContext, input: CaptureHoldInput): Promise<CaptureResult | null> {
  const request = holdRequest(ctx, "hold.capture", input);
  return pgTransaction(ctx.db, async (query) => {
    if ((await query(fastClaimSql(request), { name: request.refuseConcurrent ? "hold_capture_claim_api" : "hold_capture_claim" })).length === 0) return null;
    const [locked] = await query<HeldLockRow>(holdBalanceLockSql(input.holdId), { name: "hold_balance_lock" });
    if (!locked) return null;
    const now = new Date();
    const rows = await query<CaptureReadRow>(captureReadSql(input.holdId, now), { name: "hold_capture_read" });
    const first = rows[0];
    if (!first || first.hasDue || !isOpenAndTakes(first, input.amountMinor, now)) return null;
    const hold = holdOf(first);
    const key = { customerId: hold.customerId, currency: hold.currency };
    const amountMinor = captureAmountOf(hold, input.amountMinor);
    const heldAfterMinor = locked.heldMinor - hold.amountMinor;
    if (spendableOf(locked.balanceMinor, heldAfterMinor) < amountMinor) return null;
    const open = rows.flatMap((row) =>
      row.creditId ? [{ id: row.creditId, amountMinor: row.creditAmountMinor!, usedMinor: row.usedMinor!, removedMinor: row.removedMinor! }] : [],
    );
    const writes = captureWrites(ctx, input, { key, hold, amountMinor, balanceMinor: locked.balanceMinor, heldAfterMinor, open, now });
    if (!writes) return null;
    await query(togetherSql([...writes.statements, replaceAnswerSql(request, writes.result)]));
    return writes.result;
  });
}

/** The hold as findHold reads it (HOLD_COLUMNS, in their order). */
export const holdOf = (row: HoldRecord): HoldRecord => ({
  id: row.id,
  customerId: row.customerId,
  currency: row.currency,
  amountMinor: row.amountMinor,
  capturedMinor: row.capturedMinor,
  status: row.status,
  orderRef: row.orderRef,
  spendOperationId: row.spendOperationId,
  expiresAt: row.expiresAt,
  apiKeyId: row.apiKeyId,
  createdAt: row.createdAt,
  closedAt: row.closedAt,
});

/** Whether the general path would go on to capture (the hold open, the amount one it may take). */
function isOpenAndTakes(hold: HoldRecord, requestedMinor: bigint | undefined, now: Date): boolean {
  try {
    assertHoldOpen(hold, now);
    captureAmountOf(hold, requestedMinor);
    return true;
  } catch (error) {
    if (isAppError(error)) return false;
    throw error;
  }
}

export function captureHoldGeneral(ctx: HoldContext, input: CaptureHoldInput): Promise<CaptureResult> {
  return idempotentTransaction<CaptureResult>(ctx.db, holdRequest(ctx, "hold.capture", input), async (tx, { resultSql }) => {
    const now = new Date();
    const { key, locked, hold } = await lockOpenHold(tx, input.holdId, now);
    const amountMinor = captureAmountOf(hold, input.amountMinor);

    const { balanceMinor } = await expireDueCredits(tx, key, locked.balanceMinor, now);
    // What this hold set aside plus whatever else is free; other holds' money stays theirs.
    const heldAfterMinor = locked.heldMinor - hold.amountMinor;
    const availableMinor = spendableOf(balanceMinor, heldAfterMinor);
    if (availableMinor < amountMinor) {
      // Credits under the hold expired (or staff took balance away) since it was placed.
      throw new AppError("INSUFFICIENT_FUNDS", `Only ${formatMoney(availableMinor, key.currency)} of store credit is left for this hold`, "amountMinor");
    }
    const open = await openCreditsForUpdate(tx, key, "spend", now);
    const writes = captureWrites(ctx, input, { key, hold, amountMinor, balanceMinor, heldAfterMinor, open, now });
    if (!writes) throw new AppError("INTERNAL", "The balance does not match the credits; nothing was captured");
    // Its own statement: the spend's statements below update the same balance row.
    await tx.$executeRaw(heldChangeSql(key, -hold.amountMinor));
    await executeTogether(tx, [...writes.statements, resultSql(writes.result)]);
    return writes.result;
  });
}

/**
 * The capture's result and writes (the spend's, the hold closed, audit, webhook), the same on both
 * paths; not the held amount's change, which each path writes in a statement of its own. Null
 * when the credits do not add up to the balance.
 */
function captureWrites(
  ctx: HoldContext,
  input: CaptureHoldInput,
  w: {
    key: LedgerKey;
    hold: HoldRecord;
    amountMinor: bigint;
    balanceMinor: bigint;
    heldAfterMinor: bigint;
    open: Parameters<typeof planSpend>[3];
    now: Date;
  },
): { result: CaptureResult; statements: Prisma.Sql[] } | null {
  const { key, hold, amountMinor, now } = w;
  const spendInput = { idempotencyKey: input.idempotencyKey, ...key, amountMinor, reference: hold.orderRef, memo: null };
  const plan = planSpend(ctx, spendInput, w.balanceMinor, w.open);
  if (!plan) return null;
  const captured = {
    ...hold,
    status: "CAPTURED" as const,
    capturedMinor: amountMinor,
    spendOperationId: plan.result.operationId,
    closedAt: now,
  };
  const result: CaptureResult = {
    hold: captured,
    balanceMinor: plan.result.balanceMinor,
    spendableMinor: spendableOf(plan.result.balanceMinor, w.heldAfterMinor),
    spend: plan.result,
  };
  return {
    result,
    statements: [
      ...plan.statements,
      holdsCloseSql([hold.id], { status: "CAPTURED", closedAt: now, capturedMinor: amountMinor, spendOperationId: plan.result.operationId }),
      auditInsertSql({
        actor: ctx.actor,
        apiKeyId: ctx.apiKeyId,
        action: "hold.capture",
        entityType: "credit_hold",
        entityId: hold.id,
        customerId: key.customerId,
        before: { status: "PLACED", amountMinor: hold.amountMinor },
        after: { status: "CAPTURED", capturedMinor: amountMinor },
        details: {
          currency: key.currency,
          orderRef: hold.orderRef,
          capturedMinor: amountMinor,
          releasedMinor: hold.amountMinor - amountMinor,
          spendOperationId: plan.result.operationId,
          apiKeyId: ctx.apiKeyId,
        },
      }),
      webhookEventSql(holdEvent("hold.captured", { ...hold, capturedMinor: amountMinor, spendOperationId: plan.result.operationId })),
    ],
  };
}
