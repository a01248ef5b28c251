import { AppError } from "@/server/lib/app-error";
import { idempotentTransaction } from "@/server/lib/idempotency";
import { formatMoney } from "@/server/lib/money";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { holdEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { openCreditsForUpdate } from "@/server/modules/credits/credits.repo";
import { expireDueCredits } from "@/server/modules/credits/expire-credits";
import { executeTogether, spendableOf } from "@/server/modules/credits/ledger";
import { planSpend, type SpendResult } from "@/server/modules/credits/spend-credit";
import { holdRequest, type HoldContext, type HoldResult } from "./hold-context";
import { captureAmountOf } from "./hold-rules";
import { heldChangeSql, holdsCloseSql } from "./holds.repo";
import { lockOpenHold } from "./lock-open-hold";
import type { CaptureHoldInput } from "./holds.schema";

export type CaptureResult = HoldResult & { spend: SpendResult };

/**
 * Turns an open hold into a spend of `amountMinor` (default all of it) linked to its order: the
 * spend code's USED events, earliest-expiring credits first, with the order reference as their
 * reason; the rest of the hold is released in the same transaction. Once: a second capture, or a
 * release or expiry that got the balance lock first, finds the hold closed (CONFLICT).
 */
export function captureHold(ctx: HoldContext, input: CaptureHoldInput): Promise<CaptureResult> {
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
    const spendInput = { idempotencyKey: input.idempotencyKey, ...key, amountMinor, reference: hold.orderRef, memo: null };
    const plan = planSpend(ctx, spendInput, balanceMinor, await openCreditsForUpdate(tx, key, "spend", now));
    if (!plan) throw new AppError("INTERNAL", "The balance does not match the credits; nothing was captured");

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
      spendableMinor: spendableOf(plan.result.balanceMinor, heldAfterMinor),
      spend: plan.result,
    };
    // Its own statement: the spend's statements below update the same balance row.
    await tx.$executeRaw(heldChangeSql(key, -hold.amountMinor));
    await executeTogether(tx, [
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
      resultSql(result),
    ]);
    return result;
  });
}
