// Statements of the refunds, send-credits earnings and staff activity reports: grouped sums over
// [from, to) of refunds, payments, credit events and approval requests. Days are UTC days.
import type { CreditEventType, RefundReason, RefundStatus, RefundType } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";

export type Range = { from: Date; to: Date };

export type RefundGroupRow = {
  day: Date;
  currency: string;
  reason: RefundReason;
  type: RefundType;
  status: RefundStatus;
  staffId: string | null;
  staffName: string | null;
  refundCount: number;
  amountMinor: bigint;
  /** Sum over the group of hours from the payment's capture to the refund. */
  hoursToRefund: number;
};

/** Refunds made in the range, grouped by day, currency, reason, type, status and staff member. */
export const refundGroups = (db: DbTx, r: Range) => db.$queryRaw<RefundGroupRow[]>`
  SELECT (f.created_at AT TIME ZONE 'UTC')::date AS "day", f.currency::text AS "currency", f.reason::text AS "reason", f.type::text AS "type",
         f.status::text AS "status", f.created_by_id::text AS "staffId", max(s.name) AS "staffName",
         count(*)::int AS "refundCount", sum(f.amount_minor)::bigint AS "amountMinor",
         coalesce(sum(extract(epoch FROM f.created_at - p.captured_at) / 3600), 0)::float8 AS "hoursToRefund"
  FROM refund f JOIN payment p ON p.id = f.payment_id LEFT JOIN staff_user s ON s.id = f.created_by_id
  WHERE f.created_at >= ${r.from} AND f.created_at < ${r.to}
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2`;

export type OldPendingRefund = { id: string; reference: string; customerId: string; customerName: string; amountMinor: bigint; currency: string; createdAt: Date };

/** Refunds still pending that were made before `before` (a day ago), oldest first. */
export const oldPendingRefunds = (db: DbTx, opts: { before: Date; limit: number }) => db.$queryRaw<OldPendingRefund[]>`
  SELECT f.id::text AS "id", f.reference, f.customer_id::text AS "customerId", c.first_name || ' ' || c.last_name AS "customerName",
         f.amount_minor AS "amountMinor", f.currency::text AS "currency", f.created_at AS "createdAt"
  FROM refund f JOIN customer c ON c.id = f.customer_id
  WHERE f.status = 'PENDING' AND f.created_at < ${opts.before}
  ORDER BY f.created_at, f.id
  LIMIT ${opts.limit}`;

export type EarningGroupRow = {
  day: Date;
  currency: string;
  infrastructureId: string;
  infrastructureName: string;
  methodId: string | null;
  methodName: string | null;
  isRevenue: boolean;
  paymentCount: number;
  amountMinor: bigint;
};

/** Earnings recorded by "Send credits" (payments with a payment infrastructure) in the range. */
export const earningGroups = (db: DbTx, r: Range) => db.$queryRaw<EarningGroupRow[]>`
  SELECT (p.created_at AT TIME ZONE 'UTC')::date AS "day", p.currency::text AS "currency", p.infrastructure_id::text AS "infrastructureId",
         max(i.name) AS "infrastructureName", p.method_id::text AS "methodId", max(m.name) AS "methodName", p.is_revenue AS "isRevenue",
         count(*)::int AS "paymentCount", sum(p.amount_minor)::bigint AS "amountMinor"
  FROM payment p JOIN payment_infrastructure i ON i.id = p.infrastructure_id LEFT JOIN payment_method m ON m.id = p.method_id
  WHERE p.infrastructure_id IS NOT NULL AND p.created_at >= ${r.from} AND p.created_at < ${r.to}
  GROUP BY 1, 2, 3, 5, 7
  ORDER BY 1, 2`;

export type StaffCreditRow = { staffId: string; currency: string; type: CreditEventType; eventCount: number; amountMinor: bigint };

/** Credit events staff members made in the range, per member, currency and type. */
export const staffCreditGroups = (db: DbTx, r: Range) => db.$queryRaw<StaffCreditRow[]>`
  SELECT e.actor_id::text AS "staffId", e.currency::text AS "currency", e.type::text AS "type", count(*)::int AS "eventCount", sum(e.amount_minor)::bigint AS "amountMinor"
  FROM credit_event e
  WHERE e.actor_id IS NOT NULL AND e.created_at >= ${r.from} AND e.created_at < ${r.to}
  GROUP BY 1, 2, 3`;

export type StaffRefundRow = { staffId: string; currency: string; status: RefundStatus; refundCount: number; amountMinor: bigint };

export const staffRefundGroups = (db: DbTx, r: Range) => db.$queryRaw<StaffRefundRow[]>`
  SELECT f.created_by_id::text AS "staffId", f.currency::text AS "currency", f.status::text AS "status", count(*)::int AS "refundCount", sum(f.amount_minor)::bigint AS "amountMinor"
  FROM refund f
  WHERE f.created_by_id IS NOT NULL AND f.created_at >= ${r.from} AND f.created_at < ${r.to}
  GROUP BY 1, 2, 3`;

export type StaffApprovalRow = { staffId: string; requested: number; decided: number; approved: number; rejected: number };

/** Approval requests made by each member in the range, and decisions each member made in it. */
export const staffApprovalGroups = (db: DbTx, r: Range) => db.$queryRaw<StaffApprovalRow[]>`
  SELECT x.staff_id::text AS "staffId", sum(x.requested)::int AS "requested", sum(x.decided)::int AS "decided",
         sum(x.approved)::int AS "approved", sum(x.rejected)::int AS "rejected"
  FROM (
    SELECT a.requester_id AS staff_id, 1 AS requested, 0 AS decided, 0 AS approved, 0 AS rejected
      FROM approval_request a WHERE a.created_at >= ${r.from} AND a.created_at < ${r.to}
    UNION ALL
    SELECT a.decided_by_id, 0, 1, (a.status = 'APPROVED')::int, (a.status = 'REJECTED')::int
      FROM approval_request a WHERE a.decided_by_id IS NOT NULL AND a.decided_at >= ${r.from} AND a.decided_at < ${r.to}
  ) x
  GROUP BY 1`;

export const staffNames = (db: DbTx, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.$queryRaw<{ id: string; name: string; email: string }[]>`SELECT id::text AS "id", name, email FROM staff_user WHERE id = ANY(${ids}::uuid[])`;
