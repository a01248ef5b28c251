import { config } from "@/server/config";
import type { Prisma } from "@/prisma/generated/client";
import { pgTransaction } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { idempotentTransaction, replaceAnswerSql } from "@/server/lib/idempotency";
import { formatMoney } from "@/server/lib/money";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { holdEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { expireDueCredits } from "@/server/modules/credits/expire-credits";
import { executeTogether, lockBalanceAndHeld, spendableOf, togetherSql, type LedgerKey } from "@/server/modules/credits/ledger";
import { assertAmount } from "@/server/modules/credits/spend-credit";
import { holdRequest, type HoldContext, type HoldResult } from "./hold-context";
import { holdExpiresAt } from "./hold-rules";
import { fastClaimSql, placeLockSql, type HoldLockRow } from "./holds-fast.sql";
import { heldChangeSql, holdInsertSql, type HoldRecord } from "./holds.repo";
import type { PlaceHoldInput } from "./holds.schema";

/**
 * Sets `amountMinor` of the customer's spendable balance aside for an order, like a card
 * authorisation, until it is captured, released or expires (HOLD_TTL_MINUTES). Nothing moves in
 * the ledger: the balance stays and what is held grows, under the balance lock, so concurrent
 * holds and spends never together take more than is spendable. INSUFFICIENT_FUNDS when short.
 *
 * Fast path (placeHoldFast): claim, lock + read, write on one pg connection. Anything else (a used
 * or busy key, a shortfall, a credit due for expiry, no balance row) rolls that back and takes the
 * general path, which answers it: every answer has one implementation.
 */
export async function placeHold(ctx: HoldContext, input: PlaceHoldInput): Promise<HoldResult> {
  assertAmount(input.amountMinor, input.currency, "amountMinor");
  return (await placeHoldFast(ctx, input)) ?? placeHoldGeneral(ctx, input);
}

/** Round trips: BEGIN, claim, lock + read, write, COMMIT. Null (rolled back) when the general path must answer. */
export function placeHoldFast(ctx: HoldContext, input: PlaceHoldInput): Promise<HoldResult | null> {
  const request = holdRequest(ctx, "hold.place", input);
  return pgTransaction(ctx.db, async (query) => {
    if ((await query(fastClaimSql(request), { name: request.refuseConcurrent ? "hold_place_claim_api" : "hold_place_claim" })).length === 0) return null;
    const key = { customerId: input.customerId, currency: input.currency };
    const now = new Date();
    const [locked] = await query<HoldLockRow>(placeLockSql(key, now), { name: "hold_place_lock" });
    if (!locked || locked.hasDue) return null;
    if (spendableOf(locked.balanceMinor, locked.heldMinor) < input.amountMinor) return null;
    const { result, statements } = placeWrites(ctx, input, key, locked, now);
    await query(togetherSql([...statements, replaceAnswerSql(request, result)]));
    return result;
  });
}

export function placeHoldGeneral(ctx: HoldContext, input: PlaceHoldInput): Promise<HoldResult> {
  return idempotentTransaction<HoldResult>(ctx.db, holdRequest(ctx, "hold.place", input), async (tx, { resultSql }) => {
    const key = { customerId: input.customerId, currency: input.currency };
    const now = new Date();
    const locked = await lockBalanceAndHeld(tx, key);
    const { balanceMinor } = await expireDueCredits(tx, key, locked.balanceMinor, now);
    const spendableMinor = spendableOf(balanceMinor, locked.heldMinor);
    if (spendableMinor < input.amountMinor) {
      throw new AppError("INSUFFICIENT_FUNDS", `Only ${formatMoney(spendableMinor, input.currency)} of store credit is available`, "amountMinor");
    }
    const { result, statements } = placeWrites(ctx, input, key, { balanceMinor, heldMinor: locked.heldMinor }, now);
    await executeTogether(tx, [...statements, resultSql(result)]);
    return result;
  });
}

/** The hold and every row placing it writes, the same on both paths; the caller checked what is spendable. */
function placeWrites(
  ctx: HoldContext,
  input: PlaceHoldInput,
  key: LedgerKey,
  { balanceMinor, heldMinor }: { balanceMinor: bigint; heldMinor: bigint },
  now: Date,
): { result: HoldResult; statements: Prisma.Sql[] } {
  const hold: HoldRecord = {
    id: uuid7(),
    ...key,
    amountMinor: input.amountMinor,
    capturedMinor: 0n,
    status: "PLACED",
    orderRef: input.orderRef,
    spendOperationId: null,
    expiresAt: holdExpiresAt(now, config().HOLD_TTL_MINUTES),
    apiKeyId: ctx.apiKeyId,
    createdAt: now,
    closedAt: null,
  };
  const result: HoldResult = { hold, balanceMinor, spendableMinor: spendableOf(balanceMinor, heldMinor) - input.amountMinor };
  return {
    result,
    statements: [
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
    ],
  };
}
