import { randomBytes } from "node:crypto";
import { Prisma } from "@/prisma/generated/client";
import type { PaymentMethodKind, RefundReason, RefundStatus, RefundType } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";
import { columnList } from "@/server/lib/sql-columns";
import { foldText } from "@/server/modules/customers/customer-text";
import { paymentMethodLabel } from "@/server/modules/payments/payment-method-label";
import type { RefundView } from "./refund-view";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** "RF-7K3QX9M2TD", like payment references. */
export function newRefundReference(): string {
  return `RF-${Array.from(randomBytes(10), (byte) => CROCKFORD[byte % 32]).join("")}`;
}

/** A refund row with what its views show, read in this shape (see server/lib/sql-columns.ts). */
export type RefundRecord = {
  id: string;
  reference: string;
  paymentId: string;
  paymentReference: string;
  paymentAmountMinor: bigint;
  paymentRefundedMinor: bigint;
  paymentPendingRefundMinor: bigint;
  methodKind: PaymentMethodKind;
  cardBrand: string | null;
  cardLast4: string | null;
  methodName: string | null;
  customerId: string;
  firstName: string;
  lastName: string;
  amountMinor: bigint;
  currency: string;
  type: RefundType;
  status: RefundStatus;
  reason: RefundReason;
  explanation: string | null;
  note: string | null;
  notifyCustomer: boolean;
  gatewayName: string | null;
  gatewayRef: string | null;
  failureReason: string | null;
  creditId: string | null;
  notificationId: string | null;
  createdById: string | null;
  createdByName: string | null;
  createdAt: Date;
  settledAt: Date | null;
};

const REFUND_SELECT = columnList<RefundRecord>(
  { r: "refund", p: "payment", c: "customer", m: "payment_method", s: "staff_user" },
  {
    id: "r.id",
    reference: "r.reference",
    paymentId: "r.payment_id",
    paymentReference: "p.reference",
    paymentAmountMinor: "p.amount_minor",
    paymentRefundedMinor: "p.refunded_minor",
    paymentPendingRefundMinor: "p.pending_refund_minor",
    methodKind: "p.method_kind",
    cardBrand: "p.card_brand",
    cardLast4: "p.card_last4",
    methodName: "m.name",
    customerId: "r.customer_id",
    firstName: "c.first_name",
    lastName: "c.last_name",
    amountMinor: "r.amount_minor",
    currency: "r.currency",
    type: "r.type",
    status: "r.status",
    reason: "r.reason",
    explanation: "r.explanation",
    note: "r.note",
    notifyCustomer: "r.notify_customer",
    gatewayName: "r.gateway_name",
    gatewayRef: "r.gateway_ref",
    failureReason: "r.failure_reason",
    creditId: "r.credit_id",
    notificationId: "r.notification_id",
    createdById: "r.created_by_id",
    createdByName: "s.name",
    createdAt: "r.created_at",
    settledAt: "r.settled_at",
  },
);

/**
 * Refund rows with what their views show. `where` filters `r` (refund), `p` (payment), `c`
 * (customer); `tail` orders and limits.
 */
const selectRefundRecords = (db: DbTx, where: Prisma.Sql, tail: Prisma.Sql = Prisma.empty) =>
  db.$queryRaw<RefundRecord[]>`
    SELECT ${REFUND_SELECT}
    FROM refund r
    JOIN payment p ON p.id = r.payment_id
    JOIN customer c ON c.id = r.customer_id
    LEFT JOIN payment_method m ON m.id = p.method_id
    LEFT JOIN staff_user s ON s.id = r.created_by_id
    WHERE ${where}
    ${tail}`;

export function refundView(record: RefundRecord): RefundView {
  // The payment's totals are for refunds.create's answer (refundResultOf), not the refund's view.
  const { firstName, lastName, methodKind, cardBrand, cardLast4, methodName, paymentAmountMinor, paymentRefundedMinor, paymentPendingRefundMinor, ...refund } =
    record;
  return {
    ...refund,
    customerName: `${firstName} ${lastName}`.trim(),
    destination: refund.type === "STORE_CREDIT" ? "Store credit" : paymentMethodLabel({ methodKind, cardBrand, cardLast4, methodName }),
  };
}

export async function findRefundRecord(db: DbTx, refundId: string): Promise<RefundRecord | null> {
  const [row] = await selectRefundRecords(db, Prisma.sql`r.id = ${refundId}::uuid`);
  return row ?? null;
}

export async function findRefundView(db: DbTx, refundId: string): Promise<RefundView | null> {
  const record = await findRefundRecord(db, refundId);
  return record ? refundView(record) : null;
}

export type RefundFilters = {
  customerId?: string;
  paymentId?: string;
  statuses?: RefundStatus[];
  reasons?: RefundReason[];
  types?: RefundType[];
  staffId?: string;
  from?: Date;
  to?: Date;
  /** A customer's name or email (a fragment of at least 3 characters), or a refund's or payment's reference. */
  search?: string;
};

// pg_trgm can only use its index for a substring of at least three characters.
const MIN_SUBSTRING = 3;
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * The refunds a search finds, as a set of ids each branch reads from an index: the unique
 * references (typed with or without their RF-/PAY- prefix), and the customers whose folded name
 * holds every word or whose email holds the text (the customer trigram indexes), through
 * refund_customer_created_idx.
 */
function refundSearchSql(search: string): Prisma.Sql {
  const reference = search.trim().toUpperCase();
  const refundRefs = reference.startsWith("RF-") ? [reference] : [reference, `RF-${reference}`];
  const paymentRefs = reference.startsWith("PAY-") ? [reference] : [reference, `PAY-${reference}`];
  const branches = [
    Prisma.sql`SELECT id FROM refund WHERE reference = ANY(${refundRefs}::text[])`,
    Prisma.sql`SELECT rp.id FROM refund rp JOIN payment sp ON sp.id = rp.payment_id WHERE sp.reference = ANY(${paymentRefs}::text[])`,
  ];
  const folded = foldText(search);
  if (folded.length >= MIN_SUBSTRING) {
    const words = folded.split(" ").filter((word) => word.length > 0);
    const name = Prisma.join(words.map((word) => Prisma.sql`sc.search_name LIKE ${`%${likeLiteral(word)}%`}`), " AND ");
    branches.push(Prisma.sql`
      SELECT rc.id FROM refund rc
      WHERE rc.customer_id IN (SELECT sc.id FROM customer sc WHERE (${name}) OR sc.email LIKE ${`%${likeLiteral(folded)}%`})`);
  }
  return Prisma.sql`r.id IN (${Prisma.join(branches, " UNION ")})`;
}

/** The list's filters over `r` as one condition; an empty choice list means no filter. */
export function refundFilterSql(f: RefundFilters): Prisma.Sql {
  const conditions = [
    f.customerId && Prisma.sql`r.customer_id = ${f.customerId}::uuid`,
    f.paymentId && Prisma.sql`r.payment_id = ${f.paymentId}::uuid`,
    f.statuses?.length && Prisma.sql`r.status = ANY(${f.statuses}::"RefundStatus"[])`,
    f.reasons?.length && Prisma.sql`r.reason = ANY(${f.reasons}::"RefundReason"[])`,
    f.types?.length && Prisma.sql`r.type = ANY(${f.types}::"RefundType"[])`,
    f.staffId && Prisma.sql`r.created_by_id = ${f.staffId}::uuid`,
    f.from && Prisma.sql`r.created_at >= ${f.from}::timestamptz`,
    f.to && Prisma.sql`r.created_at <= ${f.to}::timestamptz`,
    f.search && refundSearchSql(f.search),
  ].filter((c): c is Prisma.Sql => Boolean(c));
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

/** Filtered refunds, newest first, keyset on (created_at, id). */
export const listRefundRecords = (db: DbTx, opts: { filters: RefundFilters; before: { at: Date; id: string } | null; limit: number }) =>
  selectRefundRecords(
    db,
    opts.before
      ? Prisma.sql`${refundFilterSql(opts.filters)} AND (r.created_at, r.id) < (${opts.before.at}::timestamptz, ${opts.before.id}::uuid)`
      : refundFilterSql(opts.filters),
    Prisma.sql`ORDER BY r.created_at DESC, r.id DESC LIMIT ${opts.limit}`,
  );

/** Staff members who have created at least one refund, by name. */
export const listRefundCreators = (db: DbTx) =>
  db.$queryRaw<{ id: string; name: string }[]>`
    SELECT s.id, s.name FROM staff_user s
    WHERE EXISTS (SELECT 1 FROM refund r WHERE r.created_by_id = s.id)
    ORDER BY s.name, s.id`;

// ---- The refund's own writes and the reads its rules need (create, settle, reconcile). ----

/** The payment a refund is checked against, with what its message needs (see lockPaymentForRefund). */
export type PaymentForRefundRecord = {
  id: string;
  reference: string;
  customerId: string;
  amountMinor: bigint;
  currency: string;
  refundedMinor: bigint;
  pendingRefundMinor: bigint;
  methodKind: PaymentMethodKind;
  cardBrand: string | null;
  cardLast4: string | null;
  methodName: string | null;
  email: string;
  phone: string | null;
};

const PAYMENT_FOR_REFUND_SELECT = columnList<PaymentForRefundRecord>({ p: "payment", c: "customer", m: "payment_method" }, {
  id: "p.id",
  reference: "p.reference",
  customerId: "p.customer_id",
  amountMinor: "p.amount_minor",
  currency: "p.currency",
  refundedMinor: "p.refunded_minor",
  pendingRefundMinor: "p.pending_refund_minor",
  methodKind: "p.method_kind",
  cardBrand: "p.card_brand",
  cardLast4: "p.card_last4",
  methodName: "m.name",
  email: "c.email",
  phone: "c.phone",
});

/** The payment row, locked (FOR UPDATE OF p), with its customer's contact details. */
export async function lockPaymentForRefund(tx: DbTx, paymentId: string): Promise<PaymentForRefundRecord | null> {
  const [row] = await tx.$queryRaw<PaymentForRefundRecord[]>`
    SELECT ${PAYMENT_FOR_REFUND_SELECT}
    FROM payment p
    JOIN customer c ON c.id = p.customer_id
    LEFT JOIN payment_method m ON m.id = p.method_id
    WHERE p.id = ${paymentId}::uuid
    FOR UPDATE OF p`;
  return row ?? null;
}

/** The id of the "refund" credit category (admins may rename it; the key stays). */
export async function findRefundCategoryId(tx: DbTx): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM credit_category WHERE key = 'refund'`;
  return row?.id ?? null;
}

export type NewRefund = {
  id: string;
  reference: string;
  paymentId: string;
  customerId: string;
  amountMinor: bigint;
  currency: string;
  type: RefundType;
  status: RefundStatus;
  reason: RefundReason;
  explanation: string | null;
  note: string | null;
  notifyCustomer: boolean;
  gatewayKey: string;
  creditId: string | null;
  notificationId: string | null;
  createdById: string;
  settledAt: Date | null;
};

export function refundInsertSql(r: NewRefund): Prisma.Sql {
  return Prisma.sql`INSERT INTO refund (id, reference, payment_id, customer_id, amount_minor, currency, type, status, reason,
        explanation, note, notify_customer, gateway_key, gateway_name, credit_id, notification_id, created_by_id, settled_at)
      VALUES (${r.id}::uuid, ${r.reference}, ${r.paymentId}::uuid, ${r.customerId}::uuid, ${r.amountMinor},
        ${r.currency}, ${r.type}::"RefundType", ${r.status}::"RefundStatus",
        ${r.reason}::"RefundReason", ${r.explanation}, ${r.note}, ${r.notifyCustomer}, ${r.gatewayKey}::uuid,
        ${null}, ${r.creditId}::uuid, ${r.notificationId}::uuid, ${r.createdById}::uuid, ${r.settledAt}::timestamptz)`;
}

/** A new refund's amount on its payment: refunded at once (store credit) or reserved until the gateway answers. */
export function paymentRefundRecordedSql(opts: { paymentId: string; amountMinor: bigint; isSettled: boolean }): Prisma.Sql {
  return opts.isSettled
    ? Prisma.sql`UPDATE payment SET refunded_minor = refunded_minor + ${opts.amountMinor} WHERE id = ${opts.paymentId}::uuid`
    : Prisma.sql`UPDATE payment SET pending_refund_minor = pending_refund_minor + ${opts.amountMinor} WHERE id = ${opts.paymentId}::uuid`;
}

/** A reserved amount leaves pending: refunded when the gateway paid, released when it declined. */
export function paymentRefundSettledSql(opts: { paymentId: string; amountMinor: bigint; isSuccess: boolean }): Prisma.Sql {
  return Prisma.sql`UPDATE payment SET pending_refund_minor = pending_refund_minor - ${opts.amountMinor},
      refunded_minor = refunded_minor + ${opts.isSuccess ? opts.amountMinor : 0n}
    WHERE id = ${opts.paymentId}::uuid`;
}

/** A PENDING refund with what its gateway call needs. */
export type PendingRefundRecord = {
  id: string;
  reference: string;
  paymentId: string;
  paymentReference: string;
  customerId: string;
  methodKind: PaymentMethodKind;
  amountMinor: bigint;
  currency: string;
  gatewayKey: string;
  notifyCustomer: boolean;
};

const PENDING_REFUND_SELECT = columnList<PendingRefundRecord>({ r: "refund", p: "payment" }, {
  id: "r.id",
  reference: "r.reference",
  paymentId: "r.payment_id",
  paymentReference: "p.reference",
  customerId: "r.customer_id",
  methodKind: "p.method_kind",
  amountMinor: "r.amount_minor",
  currency: "r.currency",
  gatewayKey: "r.gateway_key",
  notifyCustomer: "r.notify_customer",
});

export async function findPendingRefund(db: DbTx, refundId: string): Promise<PendingRefundRecord | null> {
  const [row] = await db.$queryRaw<PendingRefundRecord[]>`
    SELECT ${PENDING_REFUND_SELECT}
    FROM refund r JOIN payment p ON p.id = r.payment_id
    WHERE r.id = ${refundId}::uuid AND r.status = 'PENDING'`;
  return row ?? null;
}

/** A gateway call without an answer: counted, its error kept; the refund stays PENDING. */
export const recordRefundAttemptError = (db: DbTx, opts: { refundId: string; error: string; gatewayName: string | null }) =>
  db.$executeRaw`
    UPDATE refund SET attempts = attempts + 1, last_error = ${opts.error}, gateway_name = coalesce(${opts.gatewayName}, gateway_name)
    WHERE id = ${opts.refundId}::uuid AND status = 'PENDING'`;

/**
 * Settles a PENDING refund with the gateway's answer; false when it was no longer PENDING
 * (someone else settled it first).
 */
export async function settlePendingRefund(
  tx: DbTx,
  opts: { refundId: string; status: "SUCCEEDED" | "FAILED"; gatewayName: string; gatewayRef: string | null; failureReason: string | null; notificationId: string | null },
): Promise<boolean> {
  const settled = await tx.$queryRaw<{ id: string }[]>`
    UPDATE refund SET status = ${opts.status}::"RefundStatus", settled_at = now(), attempts = attempts + 1,
           gateway_name = ${opts.gatewayName}, gateway_ref = ${opts.gatewayRef},
           failure_reason = ${opts.failureReason}, notification_id = ${opts.notificationId}::uuid, last_error = NULL
    WHERE id = ${opts.refundId}::uuid AND status = 'PENDING'
    RETURNING id`;
  return settled.length > 0;
}

export async function findRefundStatus(db: DbTx, refundId: string): Promise<RefundStatus | null> {
  const [row] = await db.$queryRaw<{ status: RefundStatus }[]>`SELECT status FROM refund WHERE id = ${refundId}::uuid`;
  return row?.status ?? null;
}

/** PENDING refunds at least `minAgeMs` old, oldest first. */
export const listStalePendingRefundIds = async (db: DbTx, opts: { minAgeMs: number; limit: number }): Promise<string[]> =>
  (
    await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM refund
      WHERE status = 'PENDING' AND created_at <= now() - make_interval(secs => ${opts.minAgeMs / 1000})
      ORDER BY created_at
      LIMIT ${opts.limit}`
  ).map((row) => row.id);
