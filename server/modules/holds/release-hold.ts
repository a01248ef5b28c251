import { idempotentTransaction } from "@/server/lib/idempotency";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { holdEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { executeTogether, spendableOf } from "@/server/modules/credits/ledger";
import { holdRequest, type HoldContext, type HoldResult } from "./hold-context";
import { heldChangeSql, holdsCloseSql } from "./holds.repo";
import { lockOpenHold } from "./lock-open-hold";
import type { ReleaseHoldInput } from "./holds.schema";

/**
 * Gives an open hold's money back to the spendable balance (the order was abandoned). Nothing
 * moves in the ledger. Once: a capture, a second release or the expiry that got the balance lock
 * first leaves the hold closed, and this answers CONFLICT.
 */
export function releaseHold(ctx: HoldContext, input: ReleaseHoldInput): Promise<HoldResult> {
  return idempotentTransaction<HoldResult>(ctx.db, holdRequest(ctx, "hold.release", input), async (tx, { resultSql }) => {
    const now = new Date();
    const { key, locked, hold } = await lockOpenHold(tx, input.holdId, now);
    const heldAfterMinor = locked.heldMinor - hold.amountMinor;
    const result: HoldResult = {
      hold: { ...hold, status: "RELEASED", closedAt: now },
      balanceMinor: locked.balanceMinor,
      spendableMinor: spendableOf(locked.balanceMinor, heldAfterMinor),
    };
    await executeTogether(tx, [
      holdsCloseSql([hold.id], { status: "RELEASED", closedAt: now }),
      heldChangeSql(key, -hold.amountMinor),
      auditInsertSql({
        actor: ctx.actor,
        apiKeyId: ctx.apiKeyId,
        action: "hold.release",
        entityType: "credit_hold",
        entityId: hold.id,
        customerId: key.customerId,
        before: { status: "PLACED" },
        after: { status: "RELEASED" },
        details: { currency: key.currency, amountMinor: hold.amountMinor, orderRef: hold.orderRef, apiKeyId: ctx.apiKeyId },
      }),
      webhookEventSql(holdEvent("hold.released", { ...hold, reason: "released" })),
      resultSql(result),
    ]);
    return result;
  });
}
