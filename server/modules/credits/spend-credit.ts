// Spending store credit (storefront checkout, a hold's capture, paying a refund's difference) and
// giving a spend back. Open holds (server/modules/holds/) set money aside: a spend only takes
// what is spendable, the balance less what is held.
import type { Prisma } from "@/prisma/generated/client";
import { pgTransaction, type Db } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { claimKeySql, idempotentTransaction, keyScopeOf, replaceAnswerSql, type IdempotentRequest } from "@/server/lib/idempotency";
import { formatMoney, isKnownCurrency, maxMinorUnits } from "@/server/lib/money";
import type { Actor } from "@/server/lib/service-context";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";
import {
  creditAmountsUpdateSql,
  creditInsertSql,
  findCreditsForUpdate,
  openCreditsForUpdate,
  remainingOf,
  spendLinesOf,
  type CreditAmounts,
} from "./credits.repo";
import { EXPIRED_REASON, expireDueCredits } from "./expire-credits";
import { executeTogether, ledgerAppendSql, lockBalanceAndHeld, spendableOf, togetherSql, withRunningBalance, type NewEvent } from "./ledger";
import { spendLockSql, type SpendLockRow } from "./spend-credit.sql";
import { creditSpentEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";

/**
 * Spends may come from the storefront, with no staff member behind them: then the API key that
 * made the call (if any) scopes its idempotency keys.
 */
export type SpendContext = { db: Db; actor: Actor | null; apiKeyId?: string | null };

/** Whose idempotency keys these are: the staff member, else the API key, else the system scope. */
export const idempotencyScopeOf = (ctx: Pick<SpendContext, "actor" | "apiKeyId">): { id: string } | null =>
  ctx.actor ?? (ctx.apiKeyId ? { id: ctx.apiKeyId } : null);

export type SpendCreditInput = {
  idempotencyKey: string;
  customerId: string;
  currency: string;
  amountMinor: bigint;
  /** What the credit paid for, e.g. an order number; shown as the events' reason. */
  reference?: string | null;
  memo?: string | null;
};

export type Allocation = { creditId: string; amountMinor: bigint };
export type SpendResult = { operationId: string; customerId: string; currency: string; amountMinor: bigint; allocations: Allocation[]; balanceMinor: bigint };

export function assertAmount(amountMinor: bigint, currency: string, field = "amount"): void {
  if (!isKnownCurrency(currency)) throw new AppError("BAD_INPUT", `${currency} is not a currency this store accepts`, "currency");
  if (amountMinor <= 0n) throw new AppError("BAD_INPUT", "Enter an amount above zero", field);
  if (amountMinor > maxMinorUnits(currency)) throw new AppError("BAD_INPUT", `Enter at most ${formatMoney(maxMinorUnits(currency), currency)}`, field);
}

/**
 * Spends `amountMinor` of the customer's balance in one currency across their credits: earliest
 * expiry first, credits without expiry last, oldest first among equals. One USED event per credit
 * touched, each with the running balance. All or nothing: INSUFFICIENT_FUNDS when the spendable
 * balance (after closing expired credits, less what open holds set aside) is short.
 *
 * The storefront's entry point (SpendContext with actor null). Fast path: claim, lock and read,
 * write, in one transaction on a pg connection (no savepoint, no Prisma engine). Anything else (a
 * used key, a shortfall, a credit due for expiry, no balance row) rolls that back and takes the
 * general path, which answers it: refusals are stored there, so every answer has one implementation.
 */
export async function spendCredit(ctx: SpendContext, input: SpendCreditInput): Promise<SpendResult> {
  assertAmount(input.amountMinor, input.currency);
  return (await spendCreditFast(ctx, input)) ?? spendCreditGeneral(ctx, input);
}

const spendRequest = (ctx: SpendContext, input: SpendCreditInput): IdempotentRequest => ({
  actor: idempotencyScopeOf(ctx),
  key: input.idempotencyKey,
  operation: "credit.spend",
  request: input,
});

/** Round trips: BEGIN, claim, lock + read, write, COMMIT. Null (rolled back) when the general path must answer. */
export function spendCreditFast(ctx: SpendContext, input: SpendCreditInput): Promise<SpendResult | null> {
  const { db } = ctx;
  const request = spendRequest(ctx, input);
  return pgTransaction(db, async (query) => {
    if ((await query(claimKeySql(request), { name: "credit_spend_claim" })).length === 0) return null;
    const key = { customerId: input.customerId, currency: input.currency };
    const rows = await query<SpendLockRow>(spendLockSql(key, new Date()), { name: "credit_spend_lock" });
    const first = rows[0];
    if (!first || first.hasDue) return null;
    const balanceMinor = BigInt(first.balanceMinor);
    if (spendableOf(balanceMinor, BigInt(first.heldMinor)) < input.amountMinor) return null;
    const open = rows.flatMap((row) =>
      row.id ? [{ id: row.id, amountMinor: BigInt(row.amountMinor!), usedMinor: BigInt(row.usedMinor!), removedMinor: BigInt(row.removedMinor!) }] : [],
    );
    const plan = planSpend(ctx, input, balanceMinor, open);
    if (!plan) return null;
    await query(togetherSql([...plan.statements, replaceAnswerSql(request, plan.result)]));
    return plan.result;
  });
}

function spendCreditGeneral(ctx: SpendContext, input: SpendCreditInput): Promise<SpendResult> {
  const { db } = ctx;
  return idempotentTransaction<SpendResult>(db, spendRequest(ctx, input), async (tx, { resultSql }) => {
    const key = { customerId: input.customerId, currency: input.currency };
    const now = new Date();
    const locked = await lockBalanceAndHeld(tx, key);
    const { balanceMinor } = await expireDueCredits(tx, key, locked.balanceMinor, now);
    const spendableMinor = spendableOf(balanceMinor, locked.heldMinor);
    if (spendableMinor < input.amountMinor) {
      throw new AppError("INSUFFICIENT_FUNDS", `Only ${formatMoney(spendableMinor, input.currency)} of store credit is available`, "amount");
    }
    const plan = planSpend(ctx, input, balanceMinor, await openCreditsForUpdate(tx, key, "spend", now));
    if (!plan) throw new AppError("INTERNAL", "The balance does not match the credits; nothing was spent");
    await executeTogether(tx, [...plan.statements, resultSql(plan.result)]);
    return plan.result;
  });
}

/**
 * The spend across `open` (locked, in spending order) from `balanceMinor`, which covers it: the
 * result and its writes. Null when the credits do not add up to the balance (a broken invariant).
 * The caller holds the balance lock and has checked what is spendable (a capture spends held money).
 */
export function planSpend(
  { actor, apiKeyId }: Pick<SpendContext, "actor" | "apiKeyId">,
  input: SpendCreditInput,
  balanceMinor: bigint,
  open: Pick<CreditAmounts, "id" | "amountMinor" | "usedMinor" | "removedMinor">[],
): { result: SpendResult; statements: Prisma.Sql[] } | null {
  const key = { customerId: input.customerId, currency: input.currency };
  const operationId = uuid7();
  const allocations: Allocation[] = [];
  const updates: CreditAmounts[] = [];
  let toSpend = input.amountMinor;
  for (const credit of open) {
    if (toSpend === 0n) break;
    const amountMinor = remainingOf(credit) < toSpend ? remainingOf(credit) : toSpend;
    allocations.push({ creditId: credit.id, amountMinor });
    updates.push({ id: credit.id, amountMinor: credit.amountMinor, usedMinor: credit.usedMinor + amountMinor, removedMinor: credit.removedMinor });
    toSpend -= amountMinor;
  }
  if (toSpend > 0n) return null;

  const ledger = withRunningBalance(
    balanceMinor,
    allocations.map((a) => ({
      creditId: a.creditId,
      type: "USED" as const,
      amountMinor: -a.amountMinor,
      actorId: actor?.id ?? null,
      apiKeyId: apiKeyId ?? null,
      reason: input.reference ?? null,
      memo: input.memo ?? null,
      operationId,
    })),
  );
  const result: SpendResult = { operationId, ...key, amountMinor: input.amountMinor, allocations, balanceMinor: ledger.balanceMinor };
  return {
    result,
    statements: [
      creditAmountsUpdateSql(updates),
      ...ledgerAppendSql(key, ledger),
      auditInsertSql({
        actor: actor ?? null,
        apiKeyId: apiKeyId ?? null,
        action: "credit.spend",
        entityType: "customer",
        entityId: input.customerId,
        customerId: input.customerId,
        details: { currency: input.currency, amountMinor: input.amountMinor, reference: input.reference ?? null, operationId, allocations },
      }),
      webhookEventSql(
        creditSpentEvent({ operationId, ...key, amountMinor: input.amountMinor, balanceMinor: ledger.balanceMinor, reference: input.reference ?? null, allocations }),
        operationId,
      ),
    ],
  };
}

export type ReverseSpendInput = {
  idempotencyKey: string;
  /** The operationId a spend returned. */
  spendOperationId: string;
  /** How much to give back; default everything not given back yet. */
  amountMinor?: bigint;
  reason?: string | null;
};

export type ReverseSpendResult = SpendResult & {
  spendOperationId: string;
  /** The Refund credit that took back what returned to expired credits; null when none had expired. */
  refundCreditId: string | null;
};

export const SPEND_REVERSED_MEMO = "Spend given back after its credit expired";

/**
 * Gives back (part of) a spend, to the credits it came from, the last-used credit first, once:
 * concurrent reversals of one spend serialise on the balance lock and each sees what the others
 * gave back. A reversal never revives a closed credit: money returning to a deleted credit is
 * removed again at once (VOIDED), and money returning to an expired one is moved (EXPIRED) onto
 * one new credit of the Refund category, without expiry, so the customer gets it back.
 */
export function reverseSpend(ctx: SpendContext, input: ReverseSpendInput): Promise<ReverseSpendResult> {
  const { db, actor } = ctx;
  // POST /spends/{id}/reverse reaches this with its API key: a concurrent duplicate is a retryable 409.
  const request = { ...keyScopeOf(ctx), key: input.idempotencyKey, operation: "credit.reverse_spend", request: input };
  return idempotentTransaction<ReverseSpendResult>(db, request, async (tx, { resultSql }) => {
    const spent = await spendLinesOf(tx, input.spendOperationId);
    const first = spent[0];
    if (!first) throw new AppError("NOT_FOUND", "This store credit spend does not exist", "spendOperationId");
    const key = { customerId: first.customerId, currency: first.currency };
    const now = new Date();
    const { balanceMinor } = await expireDueCredits(tx, key, (await lockBalanceAndHeld(tx, key)).balanceMinor, now);
    // Read again under the lock: concurrent reversals of the same spend see each other.
    const lines = (await spendLinesOf(tx, input.spendOperationId)).reverse();
    const reversible = lines.reduce((sum, line) => sum + line.spentMinor - line.reversedMinor, 0n);
    if (reversible === 0n) throw new AppError("CONFLICT", "This spend was already given back in full");
    const amountMinor = input.amountMinor ?? reversible;
    assertAmount(amountMinor, key.currency);
    if (amountMinor > reversible) {
      throw new AppError("BAD_INPUT", `At most ${formatMoney(reversible, key.currency)} of this spend can still be given back`, "amount");
    }

    const allocations: Allocation[] = [];
    let toReturn = amountMinor;
    for (const line of lines) {
      if (toReturn === 0n) break;
      const open = line.spentMinor - line.reversedMinor;
      const back = open < toReturn ? open : toReturn;
      if (back > 0n) allocations.push({ creditId: line.creditId, amountMinor: back });
      toReturn -= back;
    }

    const operationId = uuid7();
    const credits = new Map((await findCreditsForUpdate(tx, allocations.map((a) => a.creditId))).map((c) => [c.id, c]));
    const events: NewEvent[] = [];
    const updates: CreditAmounts[] = [];
    let toRefundCredit = 0n;
    for (const { creditId, amountMinor: back } of allocations) {
      const credit = credits.get(creditId)!;
      const base = { creditId, actorId: actor?.id ?? null, apiKeyId: ctx.apiKeyId ?? null, operationId };
      events.push({ ...base, type: "USE_REVERSED", amountMinor: back, reason: input.reason ?? null, reversedOperationId: input.spendOperationId });
      const isExpired = credit.expiresAt !== null && credit.expiresAt <= now;
      const closedBy = credit.voidedAt ? "VOIDED" : isExpired ? "EXPIRED" : null;
      if (closedBy) {
        events.push({ ...base, type: closedBy, amountMinor: -back, reason: closedBy === "VOIDED" ? (credit.voidReason ?? "Deleted") : EXPIRED_REASON });
      }
      if (closedBy === "EXPIRED") toRefundCredit += back;
      updates.push({
        ...credit,
        usedMinor: credit.usedMinor - back,
        removedMinor: closedBy ? credit.removedMinor + back : credit.removedMinor,
        isExpiryProcessed: closedBy === "EXPIRED",
      });
    }

    const refundCreditId = toRefundCredit > 0n ? uuid7() : null;
    if (refundCreditId) {
      events.push({
        creditId: refundCreditId,
        type: "ISSUED",
        amountMinor: toRefundCredit,
        actorId: actor?.id ?? null,
        apiKeyId: ctx.apiKeyId ?? null,
        reason: input.reason ?? null,
        memo: SPEND_REVERSED_MEMO,
        reversedOperationId: input.spendOperationId,
        operationId,
      });
    }

    const ledger = withRunningBalance(balanceMinor, events);
    const result: ReverseSpendResult = {
      operationId,
      spendOperationId: input.spendOperationId,
      ...key,
      amountMinor,
      allocations,
      balanceMinor: ledger.balanceMinor,
      refundCreditId,
    };
    await executeTogether(tx, [
      creditAmountsUpdateSql(updates),
      ...(refundCreditId
        ? [
            creditInsertSql({
              id: refundCreditId,
              key,
              amountMinor: toRefundCredit,
              categoryId: DEFAULT_CATEGORY_IDS.refund,
              memo: SPEND_REVERSED_MEMO,
              expiresAt: null,
              paymentId: null,
              createdById: actor?.id ?? null,
            }),
          ]
        : []),
      ...ledgerAppendSql(key, ledger),
      auditInsertSql({
        actor: actor ?? null,
        apiKeyId: ctx.apiKeyId ?? null,
        action: "credit.reverse_spend",
        entityType: "customer",
        entityId: key.customerId,
        customerId: key.customerId,
        reason: input.reason ?? null,
        details: { currency: key.currency, amountMinor, spendOperationId: input.spendOperationId, operationId, allocations, refundCreditId, reason: input.reason ?? null },
      }),
      resultSql(result),
    ]);
    return result;
  });
}
