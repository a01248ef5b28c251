// What each webhook event's `data` holds (README "Webhooks"): snake_case keys, ids as strings,
// amounts as integer minor units in strings next to their ISO currency, times as ISO 8601 UTC.
// Pure builders: the money services pass their result to webhookEventInsertSql (webhooks.repo.ts)
// inside their transaction. credit_issue_write (migration 20261204120100) builds creditIssuedData
// in SQL for the fast path; credits.issue-fast-path.int.test.ts proves both write the same row.
import type { WebhookEventType } from "./webhooks.schema";

/** bigint amounts are written as strings and dates as ISO 8601 UTC (webhookEventInsertSql). */
type WebhookValue = string | number | bigint | boolean | Date | null | WebhookValue[] | { [key: string]: WebhookValue };
export type WebhookData = { [key: string]: WebhookValue };

/** The JSON of an event's data: bigint amounts as strings, dates as ISO 8601 (Date's own toJSON). */
export const webhookDataJson = (data: WebhookData) => JSON.stringify(data, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
export type WebhookEventDraft = { type: WebhookEventType; data: WebhookData };

const minor = (value: bigint) => value.toString();
const time = (value: Date | null) => (value ? value.toISOString() : null);

type CreditKey = { customerId: string; currency: string };

export const creditIssuedEvent = (c: CreditKey & {
  creditId: string;
  amountMinor: bigint;
  balanceMinor: bigint;
  categoryName: string;
  expiresAt: Date | null;
  memo: string | null;
}): WebhookEventDraft => ({
  type: "credit.issued",
  data: {
    credit_id: c.creditId,
    customer_id: c.customerId,
    currency: c.currency,
    amount_minor: minor(c.amountMinor),
    balance_minor: minor(c.balanceMinor),
    category: c.categoryName,
    expires_at: time(c.expiresAt),
    memo: c.memo,
  },
});

/** An edited credit (amount, expiry, memo or category) or a balance set in one step (credit_id null then). */
export const creditAdjustedEvent = (c: CreditKey & {
  creditId: string | null;
  changeMinor: bigint;
  balanceMinor: bigint;
  changedFields: string[];
  reason: string | null;
  operationId: string | null;
}): WebhookEventDraft => ({
  type: "credit.adjusted",
  data: {
    credit_id: c.creditId,
    customer_id: c.customerId,
    currency: c.currency,
    change_minor: minor(c.changeMinor),
    balance_minor: minor(c.balanceMinor),
    changed_fields: c.changedFields.join(","),
    reason: c.reason,
    operation_id: c.operationId,
  },
});

export const creditVoidedEvent = (c: CreditKey & { creditId: string; removedMinor: bigint; balanceMinor: bigint; reason: string }): WebhookEventDraft => ({
  type: "credit.voided",
  data: { credit_id: c.creditId, customer_id: c.customerId, currency: c.currency, removed_minor: minor(c.removedMinor), balance_minor: minor(c.balanceMinor), reason: c.reason },
});

export const creditExpiredEvent = (c: CreditKey & { creditId: string; expiredMinor: bigint; balanceMinor: bigint; expiresAt: Date | null; operationId: string }): WebhookEventDraft => ({
  type: "credit.expired",
  data: {
    credit_id: c.creditId,
    customer_id: c.customerId,
    currency: c.currency,
    expired_minor: minor(c.expiredMinor),
    balance_minor: minor(c.balanceMinor),
    expires_at: time(c.expiresAt),
    operation_id: c.operationId,
  },
});

export const creditExpiringEvent = (c: CreditKey & { creditId: string; remainingMinor: bigint; expiresAt: Date; notificationId: string }): WebhookEventDraft => ({
  type: "credit.expiring",
  data: {
    credit_id: c.creditId,
    customer_id: c.customerId,
    currency: c.currency,
    remaining_minor: minor(c.remainingMinor),
    expires_at: time(c.expiresAt),
    notification_id: c.notificationId,
  },
});

export const creditSpentEvent = (c: CreditKey & {
  operationId: string;
  amountMinor: bigint;
  balanceMinor: bigint;
  reference: string | null;
  allocations: { creditId: string; amountMinor: bigint }[];
}): WebhookEventDraft => ({
  type: "credit.spent",
  data: {
    operation_id: c.operationId,
    customer_id: c.customerId,
    currency: c.currency,
    amount_minor: minor(c.amountMinor),
    balance_minor: minor(c.balanceMinor),
    reference: c.reference,
    allocations: c.allocations.map((a) => ({ credit_id: a.creditId, amount_minor: minor(a.amountMinor) })),
  },
});

export const refundSettledEvent = (r: CreditKey & {
  isSuccess: boolean;
  refundId: string;
  reference: string;
  paymentId: string;
  amountMinor: bigint;
  type: string;
  creditId: string | null;
  failureReason: string | null;
}): WebhookEventDraft => ({
  type: r.isSuccess ? "refund.succeeded" : "refund.failed",
  data: {
    refund_id: r.refundId,
    reference: r.reference,
    payment_id: r.paymentId,
    customer_id: r.customerId,
    currency: r.currency,
    amount_minor: minor(r.amountMinor),
    type: r.type,
    credit_id: r.creditId,
    failure_reason: r.failureReason,
  },
});

/** For the customer upsert (REST API): the customer as it is after the change. */
export const customerUpdatedEvent = (c: {
  customerId: string;
  externalId: string | null;
  email: string;
  firstName: string;
  lastName: string | null;
  phone: string | null;
}): WebhookEventDraft => ({
  type: "customer.updated",
  data: { customer_id: c.customerId, external_id: c.externalId, email: c.email, first_name: c.firstName, last_name: c.lastName, phone: c.phone },
});

type HoldFacts = CreditKey & { id: string; amountMinor: bigint; capturedMinor: bigint; orderRef: string; expiresAt: Date; spendOperationId: string | null };

/** hold.created, hold.captured and hold.released (`reason`: released by the shop, or expired uncaptured). */
export const holdEvent = (
  type: "hold.created" | "hold.captured" | "hold.released",
  h: HoldFacts & { reason?: "released" | "expired" },
): WebhookEventDraft => ({
  type,
  data: {
    hold_id: h.id,
    customer_id: h.customerId,
    currency: h.currency,
    amount_minor: minor(h.amountMinor),
    captured_minor: minor(h.capturedMinor),
    order_ref: h.orderRef,
    expires_at: time(h.expiresAt),
    spend_operation_id: h.spendOperationId,
    ...(h.reason ? { reason: h.reason } : {}),
  },
});
