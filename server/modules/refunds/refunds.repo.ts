import { randomBytes } from "node:crypto";
import { Prisma } from "@/prisma/generated/client";
import type { PaymentMethodKind, RefundReason, RefundStatus, RefundType } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";
import { foldText } from "@/server/modules/customers/customer-text";
import { paymentMethodLabel } from "@/server/modules/payments/payment-method-label";
import type { RefundView } from "./refund-view";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** "RF-7K3QX9M2TD", like payment references. */
export function newRefundReference(): string {
  return `RF-${Array.from(randomBytes(10), (byte) => CROCKFORD[byte % 32]).join("")}`;
}

export type RefundViewRow = {
  id: string;
  reference: string;
  payment_id: string;
  payment_reference: string;
  payment_amount_minor: bigint;
  payment_refunded_minor: bigint;
  payment_pending_refund_minor: bigint;
  method_kind: PaymentMethodKind;
  card_brand: string | null;
  card_last4: string | null;
  method_name: string | null;
  customer_id: string;
  first_name: string;
  last_name: string;
  amount_minor: bigint;
  currency: string;
  type: RefundType;
  status: RefundStatus;
  reason: RefundReason;
  explanation: string | null;
  note: string | null;
  notify_customer: boolean;
  gateway_name: string | null;
  gateway_ref: string | null;
  failure_reason: string | null;
  credit_id: string | null;
  notification_id: string | null;
  created_by_id: string | null;
  created_by_name: string | null;
  created_at: Date;
  settled_at: Date | null;
};

/**
 * Refund rows with what their views show. `where` filters `r` (refund), `p` (payment), `c`
 * (customer); `tail` orders and limits.
 */
export const selectRefundViewRows = (db: DbTx, where: Prisma.Sql, tail: Prisma.Sql = Prisma.empty) =>
  db.$queryRaw<RefundViewRow[]>`
    SELECT r.id, r.reference, r.payment_id, p.reference AS payment_reference, p.amount_minor AS payment_amount_minor,
           p.refunded_minor AS payment_refunded_minor, p.pending_refund_minor AS payment_pending_refund_minor, p.method_kind, p.card_brand, p.card_last4,
           m.name AS method_name, r.customer_id, c.first_name, c.last_name, r.amount_minor, r.currency, r.type, r.status,
           r.reason, r.explanation, r.note, r.notify_customer, r.gateway_name, r.gateway_ref, r.failure_reason,
           r.credit_id, r.notification_id, r.created_by_id, s.name AS created_by_name, r.created_at, r.settled_at
    FROM refund r
    JOIN payment p ON p.id = r.payment_id
    JOIN customer c ON c.id = r.customer_id
    LEFT JOIN payment_method m ON m.id = p.method_id
    LEFT JOIN staff_user s ON s.id = r.created_by_id
    WHERE ${where}
    ${tail}`;

export function refundView(row: RefundViewRow): RefundView {
  return {
    id: row.id,
    reference: row.reference,
    paymentId: row.payment_id,
    paymentReference: row.payment_reference,
    customerId: row.customer_id,
    customerName: `${row.first_name} ${row.last_name}`.trim(),
    amountMinor: row.amount_minor,
    currency: row.currency,
    type: row.type,
    status: row.status,
    reason: row.reason,
    explanation: row.explanation,
    note: row.note,
    notifyCustomer: row.notify_customer,
    destination:
      row.type === "STORE_CREDIT"
        ? "Store credit"
        : paymentMethodLabel({ methodKind: row.method_kind, cardBrand: row.card_brand, cardLast4: row.card_last4, methodName: row.method_name }),
    gatewayName: row.gateway_name,
    gatewayRef: row.gateway_ref,
    failureReason: row.failure_reason,
    creditId: row.credit_id,
    notificationId: row.notification_id,
    createdById: row.created_by_id,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    settledAt: row.settled_at,
  };
}

export async function findRefundView(db: DbTx, refundId: string): Promise<RefundView | null> {
  const [row] = await selectRefundViewRows(db, Prisma.sql`r.id = ${refundId}::uuid`);
  return row ? refundView(row) : null;
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
export const listRefundViewRows = (db: DbTx, opts: { filters: RefundFilters; before: { at: Date; id: string } | null; limit: number }) =>
  selectRefundViewRows(
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
