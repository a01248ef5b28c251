import { Prisma } from "@/prisma/generated/client";
import type { RefundStatus } from "@/prisma/generated/enums";
import type { Db } from "@/server/db/client";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql, type AuditActor } from "@/server/modules/audit/audit.repo";
import { executeTogether, moneyTransaction } from "@/server/modules/credits/ledger";
import { customerActivitySql } from "@/server/modules/customers/customers.repo";
import { notificationInsertSql } from "@/server/modules/notifications/notifications.repo";
import { gatewayFor, gatewayTimeoutMs } from "./gateways/gateway-registry";
import { withGatewayTimeout, type GatewayRefundOutcome } from "./gateways/payment-gateway";
import { lockPaymentOrThrow } from "./refund-context";
import { refundProcessedMessage } from "./refund-messages";

type PendingRefund = {
  id: string;
  reference: string;
  payment_id: string;
  payment_reference: string;
  customer_id: string;
  method_kind: Parameters<typeof gatewayFor>[1];
  amount_minor: bigint;
  currency: string;
  gateway_key: string;
  notify_customer: boolean;
};

/**
 * Asks the gateway to pay a PENDING refund (again, with its gateway key) and records the
 * answer. Safe to run twice at once for the same refund: the gateway pays once per key and only
 * the first to settle the row (WHERE status = 'PENDING') moves the payment's totals.
 */
export async function settleWithGateway(db: Db, refundId: string, opts: { actor: AuditActor | null }): Promise<RefundStatus> {
  const [refund] = await db.$queryRaw<PendingRefund[]>`
    SELECT r.id, r.reference, r.payment_id, r.customer_id, p.reference AS payment_reference, p.method_kind, r.amount_minor, r.currency,
           r.gateway_key, r.notify_customer
    FROM refund r JOIN payment p ON p.id = r.payment_id
    WHERE r.id = ${refundId}::uuid AND r.status = 'PENDING'`;
  if (!refund) return settledStatusOf(db, refundId);

  let outcome: GatewayRefundOutcome;
  let gatewayName: string | null = null;
  try {
    const gateway = gatewayFor(db, refund.method_kind);
    gatewayName = gateway.name;
    outcome = await withGatewayTimeout(
      gateway.refund({
        paymentRef: refund.payment_reference,
        amountMinor: refund.amount_minor,
        currency: refund.currency,
        idempotencyKey: refund.gateway_key,
      }),
      gatewayTimeoutMs(),
      gateway.name,
    );
  } catch (error) {
    // Timeout, lost connection or a bug: whether money moved is unknown, so the refund stays
    // PENDING (its amount reserved) until reconcile gets an answer with the same key.
    const message = error instanceof Error ? error.message : String(error);
    await db.$executeRaw`
      UPDATE refund SET attempts = attempts + 1, last_error = ${message}, gateway_name = coalesce(${gatewayName}, gateway_name)
      WHERE id = ${refundId}::uuid AND status = 'PENDING'`;
    return "PENDING";
  }
  return recordOutcome(db, refund, gatewayName!, outcome, opts.actor);
}

async function recordOutcome(db: Db, refund: PendingRefund, gatewayName: string, outcome: GatewayRefundOutcome, actor: AuditActor | null): Promise<RefundStatus> {
  const isSuccess = outcome.status === "SUCCEEDED";
  return moneyTransaction(db, async (tx) => {
    const payment = await lockPaymentOrThrow(tx, refund.payment_id);
    const notificationId = isSuccess && refund.notify_customer ? uuid7() : null;
    const [settled] = await tx.$queryRaw<{ id: string }[]>`
      UPDATE refund SET status = ${isSuccess ? "SUCCEEDED" : "FAILED"}::"RefundStatus", settled_at = now(), attempts = attempts + 1,
             gateway_name = ${gatewayName}, gateway_ref = ${isSuccess ? outcome.gatewayRef : null},
             failure_reason = ${isSuccess ? null : outcome.reason}, notification_id = ${notificationId}::uuid, last_error = NULL
      WHERE id = ${refund.id}::uuid AND status = 'PENDING'
      RETURNING id`;
    // Someone else (reconcile, a second server) settled it first.
    if (!settled) return settledStatusOf(tx, refund.id);

    await executeTogether(tx, [
      Prisma.sql`UPDATE payment SET pending_refund_minor = pending_refund_minor - ${refund.amount_minor},
          refunded_minor = refunded_minor + ${isSuccess ? refund.amount_minor : 0n}
        WHERE id = ${refund.payment_id}::uuid`,
      customerActivitySql(refund.customer_id),
      auditInsertSql({
        actor,
        action: isSuccess ? "refund.succeed" : "refund.fail",
        entityType: "refund",
        entityId: refund.id,
        customerId: refund.customer_id,
        before: { status: "PENDING" },
        after: { status: isSuccess ? "SUCCEEDED" : "FAILED" },
        details: {
          reference: refund.reference,
          paymentId: refund.payment_id,
          amountMinor: refund.amount_minor,
          currency: refund.currency,
          gateway: gatewayName,
          ...(isSuccess ? { gatewayRef: outcome.gatewayRef, notificationId } : { failureReason: outcome.reason }),
        },
      }),
      ...(notificationId
        ? [
            notificationInsertSql({
              id: notificationId,
              recipient: payment.recipient,
              kind: "refund.processed",
              body: refundProcessedMessage({ amountMinor: refund.amount_minor, currency: refund.currency, destination: payment.methodLabel, isStoreCredit: false }),
            }),
          ]
        : []),
    ]);
    return isSuccess ? "SUCCEEDED" : "FAILED";
  });
}

async function settledStatusOf(db: Pick<Db, "$queryRaw">, refundId: string): Promise<RefundStatus> {
  const [row] = await db.$queryRaw<{ status: RefundStatus }[]>`SELECT status FROM refund WHERE id = ${refundId}::uuid`;
  return row?.status ?? "PENDING";
}
