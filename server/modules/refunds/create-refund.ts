import type { Prisma } from "@/prisma/generated/client";
import { pgTransaction, type Db, type DbTx } from "@/server/db/client";
import type { Actor, ServiceContext } from "@/server/lib/service-context";
import { isApprovalPending, type ApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { approvalDetails, DIRECT, limitGate, type ActionMode } from "@/server/modules/approvals/limit-gate";
import { AppError, isAppError } from "@/server/lib/app-error";
import { claimKeySql, idempotentTransaction, replaceAnswerSql } from "@/server/lib/idempotency";
import { hasNoLimits } from "@/server/modules/limits/check-limit";
import { formatMoney } from "@/server/lib/money";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { grantCredit } from "@/server/modules/credits/grant-credit";
import { executeTogether } from "@/server/modules/credits/ledger";
import { refundSettledEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { customerActivitySql } from "@/server/modules/customers/customers.repo";
import { notificationInsertSql } from "@/server/modules/notifications/notifications.repo";
import { refundableOf, refundTypesFor } from "@/server/modules/payments/payments.service";
import { lockPaymentOrThrow, type LockedPayment } from "./refund-context";
import { refundProcessedMessage } from "./refund-messages";
import { refundResultOf } from "./refund-result";
import type { CreateRefundResult } from "./refund-view";
import { findRefundCategoryId, newRefundReference, paymentRefundRecordedSql, refundInsertSql } from "./refunds.repo";
import { REFUND_REASON_LABELS, type CreateRefundInput } from "./refunds.schema";
import { settleWithGateway } from "./settle-refund";

/** Stored under the key: a replay never calls the gateway itself (a PENDING refund is reconcile's). */
export type RecordedRefund = { refundId: string; needsGateway: boolean };

/**
 * Refunds a payment, fully or partly, exactly once per idempotency key (of this staff member).
 * - To store credit: the refund, the payment's refunded total, a credit (category Refund, ledger
 *   event REFUNDED_TO_CREDIT), the audit row and the customer's message commit together.
 * - To the original method: the refund is recorded PENDING and its amount reserved on the payment
 *   (committed before the gateway is called, so a crash cannot lose it), then the gateway is
 *   called with the refund's gateway key (its id) and the refund settled SUCCEEDED or FAILED. A
 *   gateway that does not answer leaves it PENDING for reconcile.
 * A decline is an answer, not an error: it returns the FAILED refund with the gateway's reason.
 */
export async function createRefund({ db, actor }: ServiceContext, input: CreateRefundInput): Promise<CreateRefundResult | ApprovalPending> {
  const request = { actor, key: input.idempotencyKey, operation: "refund.create", request: input };
  const recorded =
    (await recordRefundFast(db, actor, input)) ??
    (await idempotentTransaction<RecordedRefund | ApprovalPending>(db, request, (tx, { resultSql }) =>
      recordRefundInTx(tx, actor, input, { resultSql, mode: DIRECT }),
    ));
  if (isApprovalPending(recorded)) return recorded;
  return finishRefund(db, actor, recorded);
}

/**
 * Fast path for a refund to store credit by an actor without limits: the same core
 * (recordRefundInTx) on one pg connection (pgTransaction), the key claimed first, with no
 * savepoint and no Prisma engine. A used key or any refusal rolls back and returns null: the
 * general path then answers (and stores the refusal), so every answer has one implementation.
 */
export function recordRefundFast(db: Db, actor: Actor, input: CreateRefundInput): Promise<RecordedRefund | null> {
  if (input.type !== "STORE_CREDIT" || !hasNoLimits(actor)) return Promise.resolve(null);
  const request = { actor, key: input.idempotencyKey, operation: "refund.create", request: input };
  return pgTransaction(db, async (query, tx) => {
    if ((await query(claimKeySql(request), { name: "refund_create_claim" })).length === 0) return null;
    try {
      const recorded = await recordRefundInTx(tx, actor, input, { resultSql: (result) => replaceAnswerSql(request, result), mode: DIRECT });
      return isApprovalPending(recorded) ? null : recorded;
    } catch (error) {
      if (isAppError(error) && error.code !== "INTERNAL") return null;
      throw error;
    }
  });
}

/** After the recording transaction: the gateway call for a refund to the original method. */
export async function finishRefund(db: Db, actor: Actor, recorded: RecordedRefund): Promise<CreateRefundResult> {
  // A replay answers with the refund as it is now; a refund left PENDING is reconcile's to settle.
  if (recorded.needsGateway) {
    await settleWithGateway(db, recorded.refundId, { actor });
  }
  return refundResultOf(db, recorded.refundId);
}

/**
 * Records the refund in a transaction that holds its idempotency key (the caller's or an approved
 * request's); the gateway is called after the commit (finishRefund).
 */
export async function recordRefundInTx(
  tx: DbTx,
  actor: Actor,
  input: CreateRefundInput,
  { resultSql, mode }: { resultSql: (result: RecordedRefund) => Prisma.Sql; mode: ActionMode },
): Promise<RecordedRefund | ApprovalPending> {
  const payment = await lockPaymentOrThrow(tx, input.paymentId);
  assertRefundable(payment, input);
  const limited = { kind: "refund", currency: payment.currency, amountMinor: input.amountMinor } as const;
  const draft = { operation: "refund.create", input, customerId: payment.customerId, requesterNote: input.explanation ?? input.note ?? null } as const;
  const pending = await limitGate(tx, actor, mode, limited, draft);
  if (pending) return pending;
  const refundId = uuid7();
  const reference = newRefundReference();
  const isStoreCredit = input.type === "STORE_CREDIT";
  const statements: Prisma.Sql[] = [];
  let creditId: string | null = null;
  let notificationId: string | null = null;

  if (isStoreCredit) {
    const granted = await grantCredit(tx, {
      key: { customerId: payment.customerId, currency: payment.currency },
      amountMinor: input.amountMinor,
      categoryId: await refundCategoryIdOf(tx),
      memo: `Refund ${reference} of ${payment.reference}`,
      expiresAt: null,
      paymentId: payment.id,
      actorId: actor.id,
      eventType: "REFUNDED_TO_CREDIT",
      reason: reasonText(input),
      eventMemo: input.note,
    });
    creditId = granted.creditId;
    statements.push(...granted.statements);
    if (input.notifyCustomer) {
      notificationId = uuid7();
      statements.push(
        notificationInsertSql({
          id: notificationId,
          recipient: payment.recipient,
          kind: "refund.processed",
          body: refundProcessedMessage({ amountMinor: input.amountMinor, currency: payment.currency, destination: "store credit", isStoreCredit: true }),
        }),
      );
    }
  } else {
    // A refund to store credit moves Last activity with its credit (grantCredit).
    statements.push(customerActivitySql(payment.customerId));
  }

  statements.push(
    refundInsertSql({
      id: refundId,
      reference,
      paymentId: payment.id,
      customerId: payment.customerId,
      amountMinor: input.amountMinor,
      currency: payment.currency,
      type: input.type,
      status: isStoreCredit ? "SUCCEEDED" : "PENDING",
      reason: input.reason,
      explanation: input.explanation,
      note: input.note,
      notifyCustomer: input.notifyCustomer,
      gatewayKey: refundId,
      creditId,
      notificationId,
      createdById: actor.id,
      settledAt: isStoreCredit ? new Date() : null,
    }),
    paymentRefundRecordedSql({ paymentId: payment.id, amountMinor: input.amountMinor, isSettled: isStoreCredit }),
    auditInsertSql({
      actor,
      action: "refund.create",
      entityType: "refund",
      entityId: refundId,
      customerId: payment.customerId,
      reason: input.explanation ? `${input.reason}: ${input.explanation}` : input.reason,
      after: { amountMinor: input.amountMinor, currency: payment.currency, type: input.type, status: "PENDING" },
      details: {
        reference,
        paymentId: payment.id,
        paymentReference: payment.reference,
        customerId: payment.customerId,
        type: input.type,
        amountMinor: input.amountMinor,
        currency: payment.currency,
        reason: input.reason,
        explanation: input.explanation,
        note: input.note,
        notifyCustomer: input.notifyCustomer,
        status: isStoreCredit ? "SUCCEEDED" : "PENDING",
        creditId,
        notificationId,
        ...approvalDetails(mode),
      },
    }),
    resultSql({ refundId, needsGateway: false }),
  );
  // A refund to store credit succeeds here; the others when the gateway answers (settle-refund.ts).
  if (isStoreCredit) {
    statements.push(
      webhookEventSql(
        refundSettledEvent({
          isSuccess: true,
          refundId,
          reference,
          paymentId: payment.id,
          customerId: payment.customerId,
          currency: payment.currency,
          amountMinor: input.amountMinor,
          type: input.type,
          creditId,
          failureReason: null,
        }),
      ),
    );
  }
  await executeTogether(tx, statements);
  return { refundId, needsGateway: !isStoreCredit };
}

function assertRefundable(payment: LockedPayment, input: CreateRefundInput): void {
  if (input.currency !== payment.currency) throw new AppError("BAD_INPUT", `This payment is in ${payment.currency}`, "currency");
  if (!refundTypesFor(payment.methodKind).includes(input.type)) {
    throw new AppError("BAD_INPUT", "A payment made with store credit can only be refunded to store credit", "type");
  }
  if (input.amountMinor <= 0n) throw new AppError("BAD_INPUT", "Enter an amount above zero", "amount");
  const refundable = refundableOf(payment);
  if (refundable <= 0n) {
    throw new AppError(
      "BAD_INPUT",
      payment.pendingRefundMinor > 0n ? "Nothing left to refund: the rest is already being refunded" : "This payment is already fully refunded",
      "amount",
    );
  }
  if (input.amountMinor > refundable) {
    throw new AppError("BAD_INPUT", `At most ${formatMoney(refundable, payment.currency)} can be refunded`, "amount");
  }
}

/** The ledger event's reason: "Refund: Product defective" or "Refund: Other: <explanation>". */
const reasonText = (input: CreateRefundInput) =>
  `Refund: ${REFUND_REASON_LABELS[input.reason]}${input.reason === "OTHER" && input.explanation ? `: ${input.explanation}` : ""}`;

/** Refund credits go to the "refund" category (admins may rename it; the key stays). */
async function refundCategoryIdOf(tx: DbTx): Promise<string> {
  const id = await findRefundCategoryId(tx);
  if (!id) throw new AppError("INTERNAL", "The Refund credit category is missing");
  return id;
}
