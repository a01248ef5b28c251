import { config } from "@/server/config";
import { AppError } from "@/server/lib/app-error";
import { idempotentTransaction } from "@/server/lib/idempotency";
import { formatMoney } from "@/server/lib/money";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { holdEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { expireDueCredits } from "@/server/modules/credits/expire-credits";
import { executeTogether, lockBalanceAndHeld, spendableOf } from "@/server/modules/credits/ledger";
import { assertAmount } from "@/server/modules/credits/spend-credit";
import { holdRequest, type HoldContext, type HoldResult } from "./hold-context";
import { holdExpiresAt } from "./hold-rules";
import { heldChangeSql, holdInsertSql, type HoldRecord } from "./holds.repo";
import type { PlaceHoldInput } from "./holds.schema";

/**
 * Sets `amountMinor` of the customer's spendable balance aside for an order, like a card
 * authorisation, until it is captured, released or expires (HOLD_TTL_MINUTES). Nothing moves in
 * the ledger: the balance stays and what is held grows, under the balance lock, so concurrent
 * holds and spends never together take more than is spendable. INSUFFICIENT_FUNDS when short.
 */
export async function placeHold(ctx: HoldContext, input: PlaceHoldInput): Promise<HoldResult> {
  assertAmount(input.amountMinor, input.currency, "amountMinor");
  const ttlMinutes = config().HOLD_TTL_MINUTES;
  return idempotentTransaction<HoldResult>(ctx.db, holdRequest(ctx, "hold.place", input), async (tx, { resultSql }) => {
    const key = { customerId: input.customerId, currency: input.currency };
    const now = new Date();
    const locked = await lockBalanceAndHeld(tx, key);
    const { balanceMinor } = await expireDueCredits(tx, key, locked.balanceMinor, now);
    const spendableMinor = spendableOf(balanceMinor, locked.heldMinor);
    if (spendableMinor < input.amountMinor) {
      throw new AppError("INSUFFICIENT_FUNDS", `Only ${formatMoney(spendableMinor, input.currency)} of store credit is available`, "amountMinor");
    }
    const hold: HoldRecord = {
      id: uuid7(),
      ...key,
      amountMinor: input.amountMinor,
      capturedMinor: 0n,
      status: "PLACED",
      orderRef: input.orderRef,
      spendOperationId: null,
      expiresAt: holdExpiresAt(now, ttlMinutes),
      apiKeyId: ctx.apiKeyId,
      createdAt: now,
      closedAt: null,
    };
    const result: HoldResult = { hold, balanceMinor, spendableMinor: spendableMinor - input.amountMinor };
    await executeTogether(tx, [
      holdInsertSql({ ...hold, createdById: ctx.actor?.id ?? null }),
      heldChangeSql(key, input.amountMinor),
      auditInsertSql({
        actor: ctx.actor,
        apiKeyId: ctx.apiKeyId,
        action: "hold.place",
        entityType: "credit_hold",
        entityId: hold.id,
        customerId: key.customerId,
        details: { currency: key.currency, amountMinor: hold.amountMinor, orderRef: hold.orderRef, expiresAt: hold.expiresAt, apiKeyId: ctx.apiKeyId },
      }),
      webhookEventSql(holdEvent("hold.created", hold)),
      resultSql(result),
    ]);
    return result;
  });
}
