import type { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import type { Actor } from "@/server/lib/service-context";
import type { ApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { approvalDetails, DIRECT, limitGate, type ActionMode } from "@/server/modules/approvals/limit-gate";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { idempotentTransaction } from "@/server/lib/idempotency";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { newPaymentReference, paymentInsertSql } from "@/server/modules/payments/payments.repo";
import { findPaymentChoice } from "@/server/modules/settings/settings.repo";
import { findCategory } from "./credits.repo";
import type { SendCreditsInput } from "./credits.schema";
import { checkGrantTarget, creditReceivedNotificationSql, grantCredit } from "./grant-credit";
import { creditIssuedEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { executeTogether, spendableOf } from "./ledger";

export type SendCreditsResult = {
  creditId: string;
  customerId: string;
  customerName: string;
  currency: string;
  amountMinor: bigint;
  balanceMinor: bigint;
  /** The new balance less what open holds set aside: what the customer can spend now. */
  spendableMinor: bigint;
  earningMinor: bigint;
  /** The manual payment recorded for the earning; null when the earning was zero. */
  paymentId: string | null;
  paymentReference: string | null;
  notificationId: string | null;
  /** Where the success message links to. */
  creditHistoryPath: string;
};

/** The category "Send credits" files its credits under unless the form picks one. */
const DEFAULT_SEND_CATEGORY_KEY = "manual_correction";

/** The chosen infrastructure and method, both active and belonging together; null when none was chosen (a zero earning). */
async function checkPaymentChoice(tx: DbTx, input: SendCreditsInput) {
  if (!input.infrastructureId || !input.methodId) {
    // The schema already refuses this; a stored approval's input is checked again here.
    if (input.earningMinor > 0n) throw new AppError("BAD_INPUT", "Choose a payment infrastructure: an earning above 0 is recorded as a payment", "infrastructureId");
    return null;
  }
  const { infrastructure, method } = await findPaymentChoice(tx, { infrastructureId: input.infrastructureId, methodId: input.methodId });
  if (!infrastructure?.isActive) throw new AppError("BAD_INPUT", "Choose an active payment infrastructure", "infrastructureId");
  if (!method?.isActive || method.infrastructureId !== input.infrastructureId) {
    throw new AppError("BAD_INPUT", `Choose a payment method of ${infrastructure.name}`, "methodId");
  }
  return { infrastructure, method };
}

/**
 * "Send credits": credit for a customer without a storefront purchase, with what the store was paid
 * for it. An earning above zero becomes a MANUAL payment on the customer's Payments (marked
 * non-revenue when "Count as real revenue" is off), linked from the credit.
 */
export function sendCredits({ db, actor }: ServiceContext, input: SendCreditsInput): Promise<SendCreditsResult | ApprovalPending> {
  return idempotentTransaction<SendCreditsResult | ApprovalPending>(db, { actor, key: input.idempotencyKey, operation: "credit.send", request: input }, (tx, { resultSql }) =>
    sendCreditsInTx(tx, actor, input, { resultSql, mode: DIRECT }),
  );
}

/** The action itself, in a transaction that holds its idempotency key (the caller's or an approved request's). */
export async function sendCreditsInTx(
  tx: DbTx,
  actor: Actor,
  input: SendCreditsInput,
  { resultSql, mode }: { resultSql: (result: SendCreditsResult) => Prisma.Sql; mode: ActionMode },
): Promise<SendCreditsResult | ApprovalPending> {
  const paidWith = await checkPaymentChoice(tx, input);
  const categoryId = input.categoryId ?? (await findCategory(tx, { key: DEFAULT_SEND_CATEGORY_KEY }))?.id;
  if (!categoryId) throw new AppError("BAD_INPUT", "Choose a category", "categoryId");
  const target = await checkGrantTarget(tx, { customerId: input.customerId, currency: input.currency, categoryId });
  const limited = { kind: "credit", currency: input.currency, amountMinor: input.amountMinor } as const;
  const pending = await limitGate(tx, actor, mode, limited, { operation: "credit.send", input, customerId: input.customerId, requesterNote: input.memo ?? null });
  if (pending) return pending;

  const key = { customerId: input.customerId, currency: input.currency };
  const payment =
    input.earningMinor > 0n && paidWith
      ? {
          id: uuid7(),
          reference: newPaymentReference(),
          customerId: input.customerId,
          amountMinor: input.earningMinor,
          currency: input.currency,
          methodKind: "MANUAL" as const,
          infrastructureId: input.infrastructureId ?? null,
          methodId: input.methodId ?? null,
          isRevenue: input.isRevenue,
          description: "Store credit sent by staff",
          createdById: actor.id,
        }
      : null;
  const granted = await grantCredit(tx, {
    key,
    amountMinor: input.amountMinor,
    categoryId,
    memo: input.memo,
    expiresAt: input.expiresAt,
    paymentId: payment?.id ?? null,
    actorId: actor.id,
    eventType: "ISSUED",
    reason: paidWith ? `Sent credits (${paidWith.infrastructure.name} · ${paidWith.method.name})` : "Sent credits",
  });
  const notificationId = input.notifyCustomer ? uuid7() : null;
  const result: SendCreditsResult = {
    creditId: granted.creditId,
    customerId: input.customerId,
    customerName: `${target.firstName} ${target.lastName}`.trim(),
    currency: input.currency,
    amountMinor: input.amountMinor,
    balanceMinor: granted.balanceMinor,
    spendableMinor: spendableOf(granted.balanceMinor, granted.heldMinor),
    earningMinor: input.earningMinor,
    paymentId: payment?.id ?? null,
    paymentReference: payment?.reference ?? null,
    notificationId,
    creditHistoryPath: `/customers/${input.customerId}/credit-history`,
  };
  await executeTogether(tx, [
    ...(payment ? [paymentInsertSql(payment)] : []),
    ...granted.statements,
    auditInsertSql({
      actor,
      action: "credit.send",
      entityType: "store_credit",
      entityId: granted.creditId,
      customerId: input.customerId,
      after: { amountMinor: input.amountMinor, currency: input.currency, category: target.categoryName, expiresAt: input.expiresAt },
      details: {
        customerId: input.customerId,
        currency: input.currency,
        amountMinor: input.amountMinor,
        earningMinor: input.earningMinor,
        isRevenue: input.isRevenue,
        infrastructure: paidWith?.infrastructure.name ?? null,
        method: paidWith?.method.name ?? null,
        paymentId: payment?.id ?? null,
        category: target.categoryName,
        memo: input.memo,
        expiresAt: input.expiresAt,
        ...approvalDetails(mode),
      },
    }),
    ...(notificationId
      ? [creditReceivedNotificationSql({ id: notificationId, recipient: target, amountMinor: input.amountMinor, currency: input.currency, expiresAt: input.expiresAt, dateStyle: target.dateStyle })]
      : []),
    webhookEventSql(
      creditIssuedEvent({ creditId: granted.creditId, ...key, amountMinor: input.amountMinor, balanceMinor: granted.balanceMinor, categoryName: target.categoryName, expiresAt: input.expiresAt, memo: input.memo }),
      granted.operationId,
    ),
    resultSql(result),
  ]);
  return result;
}
