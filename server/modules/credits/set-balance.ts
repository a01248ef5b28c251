import type { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import type { Actor } from "@/server/lib/service-context";
import type { ApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { approvalDetails, DIRECT, limitGate, type ActionMode } from "@/server/modules/approvals/limit-gate";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { idempotentTransaction } from "@/server/lib/idempotency";
import { formatMoney } from "@/server/lib/money";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import {
  creditAmountsUpdateSql,
  creditInsertSql,
  findCategory,
  findReason,
  isCurrencyEnabled,
  openCredits,
  remainingOf,
  type CreditRecord,
} from "./credits.repo";
import type { SetBalanceInput } from "./credits.schema";
import { expireDueCredits } from "./expire-credits";
import { executeTogether, ledgerAppendSql, lockBalance, withRunningBalance, type LedgerKey, type NewEvent } from "./ledger";
import { creditAdjustedEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { assertUnchangedSinceShown } from "./unchanged-since-shown";

export type SetBalanceResult = {
  customerId: string;
  currency: string;
  previousBalanceMinor: bigint;
  balanceMinor: bigint;
  /** Groups the adjustment's events in the history. */
  operationId: string;
  /** The credit created for an increase; null for a decrease. */
  creditId: string | null;
};

/** Increases are filed under this category. */
const INCREASE_CATEGORY_KEY = "manual_correction";

/**
 * Sets a customer's balance in one currency. The difference is one adjustment operation: an
 * increase is a new credit with an ADJUSTED_UP event; a decrease takes from the newest credits with
 * unused balance first, one ADJUSTED_DOWN event per credit touched (so each credit's events still
 * add up to what it has left).
 */
export function setBalance({ db, actor }: ServiceContext, input: SetBalanceInput): Promise<SetBalanceResult | ApprovalPending> {
  return idempotentTransaction<SetBalanceResult | ApprovalPending>(db, { actor, key: input.idempotencyKey, operation: "credit.set_balance", request: input }, (tx, { resultSql }) =>
    setBalanceInTx(tx, actor, input, { resultSql, mode: DIRECT }),
  );
}

/** The action itself, in a transaction that holds its idempotency key (the caller's or an approved request's). */
export async function setBalanceInTx(
  tx: DbTx,
  actor: Actor,
  input: SetBalanceInput,
  { resultSql, mode }: { resultSql: (result: SetBalanceResult) => Prisma.Sql; mode: ActionMode },
): Promise<SetBalanceResult | ApprovalPending> {
  const reason = await findReason(tx, input.reasonId);
  if (!reason?.isActive) throw new AppError("BAD_INPUT", "Choose an active reason", "reasonId");
  const key = { customerId: input.customerId, currency: input.currency };
  const now = new Date();
  // Expired credits are closed first, so the balance being set from is what can really be spent.
  const locked = await lockBalance(tx, key);
  // Against the balance the page showed, which still counts credits the expiry run has not closed yet.
  assertUnchangedSinceShown({ what: "balance", field: "balance", shownMinor: input.expectedBalanceMinor, currentMinor: locked, currency: input.currency });
  const { balanceMinor: previous } = await expireDueCredits(tx, key, locked, now);
  const target = input.balanceMinor;
  // "Already that balance" is planBalanceChange's refusal; a zero change passes any limit on the way there.
  const change = target - previous;
  const limited = { kind: "set_balance", currency: input.currency, amountMinor: change < 0n ? -change : change, creditMinor: change > 0n ? change : 0n } as const;
  const pending = await limitGate(tx, actor, mode, limited, { operation: "credit.set_balance", input, customerId: input.customerId, requesterNote: input.note ?? null });
  if (pending) return pending;

  const plan = await planBalanceChange(tx, key, { previousMinor: previous, targetMinor: target, now, forUpdate: true });
  const operationId = uuid7();
  const common = { actorId: actor.id, reasonId: reason.id, reason: reason.name, memo: input.note, operationId };
  let creditId: string | null = null;
  let events: NewEvent[];
  let creditWrite;
  if (plan.kind === "raise") {
    creditId = uuid7();
    creditWrite = creditInsertSql({ id: creditId, key, amountMinor: plan.amountMinor, categoryId: plan.category.id, memo: input.note, expiresAt: null, paymentId: null, createdById: actor.id });
    events = [{ creditId, type: "ADJUSTED_UP", amountMinor: plan.amountMinor, ...common }];
  } else {
    creditWrite = creditAmountsUpdateSql(plan.taken.map(({ credit, amountMinor }) => ({ ...credit, amountMinor: credit.amountMinor - amountMinor })));
    events = plan.taken.map(({ credit, amountMinor }) => ({ creditId: credit.id, type: "ADJUSTED_DOWN", amountMinor: -amountMinor, ...common }));
  }

  const ledger = withRunningBalance(previous, events);
  const result: SetBalanceResult = { ...key, previousBalanceMinor: previous, balanceMinor: ledger.balanceMinor, operationId, creditId };
  await executeTogether(tx, [
    creditWrite,
    ...ledgerAppendSql(key, ledger),
    auditInsertSql({
      actor,
      action: "credit.set_balance",
      entityType: "customer",
      entityId: input.customerId,
      customerId: input.customerId,
      reason: input.note ? `${reason.name}: ${input.note}` : reason.name,
      before: { balanceMinor: previous, currency: input.currency },
      after: { balanceMinor: target, currency: input.currency },
      details: { currency: input.currency, previousBalanceMinor: previous, balanceMinor: target, reason: reason.name, note: input.note, operationId, ...approvalDetails(mode) },
    }),
    webhookEventSql(
      creditAdjustedEvent({ creditId, ...key, changeMinor: ledger.balanceMinor - previous, balanceMinor: ledger.balanceMinor, changedFields: ["balance"], reason: reason.name, operationId }),
    ),
    resultSql(result),
  ]);
  return result;
}

export type BalanceChange =
  | { kind: "raise"; amountMinor: bigint; category: { id: string; name: string } }
  | { kind: "lower"; amountMinor: bigint; taken: { credit: CreditRecord; amountMinor: bigint }[] };

/**
 * What moving a balance from `previousMinor` (expired credits already closed) to `targetMinor`
 * does; setting the balance and its preview both ask this, so the confirmation says what the
 * save will do. A raise is one new never-expiring Manual correction credit (only in an enabled
 * currency); a decrease takes from the newest credits with unused balance first.
 */
export async function planBalanceChange(
  db: DbTx,
  key: LedgerKey,
  { previousMinor, targetMinor, now, forUpdate }: { previousMinor: bigint; targetMinor: bigint; now: Date; forUpdate: boolean },
): Promise<BalanceChange> {
  if (targetMinor === previousMinor) throw new AppError("BAD_INPUT", `The balance is already ${formatMoney(previousMinor, key.currency)}`, "balance");
  if (targetMinor > previousMinor) {
    if (!(await isCurrencyEnabled(db, key.currency))) {
      throw new AppError("BAD_INPUT", `${key.currency} is turned off in Settings; the balance can only go down`, "currency");
    }
    const category = await findCategory(db, { key: INCREASE_CATEGORY_KEY });
    if (!category) throw new AppError("INTERNAL", "The Manual correction category is missing");
    return { kind: "raise", amountMinor: targetMinor - previousMinor, category };
  }
  const credits = await openCredits(db, key, "newestFirst", now, { forUpdate });
  let toTake = previousMinor - targetMinor;
  const taken: { credit: CreditRecord; amountMinor: bigint }[] = [];
  for (const credit of credits) {
    if (toTake === 0n) break;
    const amountMinor = remainingOf(credit) < toTake ? remainingOf(credit) : toTake;
    taken.push({ credit, amountMinor });
    toTake -= amountMinor;
  }
  // The balance is the sum of the credits' unused amounts; anything else is a broken invariant.
  if (toTake > 0n) throw new AppError("INTERNAL", "The balance does not match the credits; nothing was changed");
  return { kind: "lower", amountMinor: previousMinor - targetMinor, taken };
}
