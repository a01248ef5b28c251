import type { RefundStatus } from "@/prisma/generated/enums";
import type { Db, DbTx } from "@/server/db/client";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql, type AuditActor } from "@/server/modules/audit/audit.repo";
import { executeTogether, moneyTransaction } from "@/server/modules/credits/ledger";
import { customerActivitySql } from "@/server/modules/customers/customers.repo";
import { notificationInsertSql } from "@/server/modules/notifications/notifications.repo";
import { refundSettledEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { gatewayFor, gatewayTimeoutMs } from "./gateways/gateway-registry";
import { withGatewayTimeout, type GatewayRefundOutcome } from "./gateways/payment-gateway";
import { lockPaymentOrThrow } from "./refund-context";
import { refundProcessedMessage } from "./refund-messages";
import {
  findPendingRefund,
  findRefundStatus,
  paymentRefundSettledSql,
  recordRefundAttemptError,
  settlePendingRefund,
  type PendingRefundRecord,
} from "./refunds.repo";

/**
 * Asks the gateway to pay a PENDING refund (again, with its gateway key) and records the
 * answer. Safe to run twice at once for the same refund: the gateway pays once per key and only
 * the first to settle the row (WHERE status = 'PENDING') moves the payment's totals.
 */
export async function settleWithGateway(db: Db, refundId: string, opts: { actor: AuditActor | null }): Promise<RefundStatus> {
  const refund = await findPendingRefund(db, refundId);
  if (!refund) return settledStatusOf(db, refundId);

  let outcome: GatewayRefundOutcome;
  let gatewayName: string | null = null;
  try {
    const gateway = gatewayFor(db, refund.methodKind);
    gatewayName = gateway.name;
    outcome = await withGatewayTimeout(
      gateway.refund({
        paymentRef: refund.paymentReference,
        amountMinor: refund.amountMinor,
        currency: refund.currency,
        idempotencyKey: refund.gatewayKey,
      }),
      gatewayTimeoutMs(),
      gateway.name,
    );
  } catch (error) {
    // Timeout, lost connection or a bug: whether money moved is unknown, so the refund stays
    // PENDING (its amount reserved) until reconcile gets an answer with the same key.
    const message = error instanceof Error ? error.message : String(error);
    await recordRefundAttemptError(db, { refundId, error: message, gatewayName });
    return "PENDING";
  }
  return recordOutcome(db, refund, gatewayName!, outcome, opts.actor);
}

async function recordOutcome(db: Db, refund: PendingRefundRecord, gatewayName: string, outcome: GatewayRefundOutcome, actor: AuditActor | null): Promise<RefundStatus> {
  const isSuccess = outcome.status === "SUCCEEDED";
  return moneyTransaction(db, async (tx) => {
    const payment = await lockPaymentOrThrow(tx, refund.paymentId);
    const notificationId = isSuccess && refund.notifyCustomer ? uuid7() : null;
    const settled = await settlePendingRefund(tx, {
      refundId: refund.id,
      status: isSuccess ? "SUCCEEDED" : "FAILED",
      gatewayName,
      gatewayRef: isSuccess ? outcome.gatewayRef : null,
      failureReason: isSuccess ? null : outcome.reason,
      notificationId,
    });
    // Someone else (reconcile, a second server) settled it first.
    if (!settled) return settledStatusOf(tx, refund.id);

    await executeTogether(tx, [
      paymentRefundSettledSql({ paymentId: refund.paymentId, amountMinor: refund.amountMinor, isSuccess }),
      customerActivitySql(refund.customerId),
      auditInsertSql({
        actor,
        action: isSuccess ? "refund.succeed" : "refund.fail",
        entityType: "refund",
        entityId: refund.id,
        customerId: refund.customerId,
        before: { status: "PENDING" },
        after: { status: isSuccess ? "SUCCEEDED" : "FAILED" },
        details: {
          reference: refund.reference,
          paymentId: refund.paymentId,
          amountMinor: refund.amountMinor,
          currency: refund.currency,
          gateway: gatewayName,
          ...(isSuccess ? { gatewayRef: outcome.gatewayRef, notificationId } : { failureReason: outcome.reason }),
        },
      }),
      webhookEventSql(
        refundSettledEvent({
          isSuccess,
          refundId: refund.id,
          reference: refund.reference,
          paymentId: refund.paymentId,
          customerId: refund.customerId,
          currency: refund.currency,
          amountMinor: refund.amountMinor,
          // Only refunds to the original payment method wait for a gateway.
          type: "ORIGINAL_METHOD",
          creditId: null,
          failureReason: isSuccess ? null : outcome.reason,
        }),
      ),
      ...(notificationId
        ? [
            notificationInsertSql({
              id: notificationId,
              recipient: payment.recipient,
              kind: "refund.processed",
              body: refundProcessedMessage({ amountMinor: refund.amountMinor, currency: refund.currency, destination: payment.methodLabel, isStoreCredit: false }),
            }),
          ]
        : []),
    ]);
    return isSuccess ? "SUCCEEDED" : "FAILED";
  });
}

async function settledStatusOf(db: DbTx, refundId: string): Promise<RefundStatus> {
  return (await findRefundStatus(db, refundId)) ?? "PENDING";
}
