import { randomBytes } from "node:crypto";
import { Prisma } from "@/prisma/generated/client";
import type { PaymentMethodKind } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";
import { columnList } from "@/server/lib/sql-columns";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** "PAY-7K3QX9M2TD": short enough to read out on the phone; 50 random bits make clashes negligible. */
export function newPaymentReference(): string {
  const bytes = randomBytes(10);
  return `PAY-${Array.from(bytes, (byte) => CROCKFORD[byte % 32]).join("")}`;
}

export type NewPayment = {
  id: string;
  reference: string;
  customerId: string;
  amountMinor: bigint;
  currency: string;
  methodKind: PaymentMethodKind;
  infrastructureId: string | null;
  methodId: string | null;
  isRevenue: boolean;
  description: string | null;
  createdById: string | null;
  cardBrand?: string | null;
  cardLast4?: string | null;
  gatewayName?: string | null;
};

export function paymentInsertSql(p: NewPayment): Prisma.Sql {
  return Prisma.sql`INSERT INTO payment (id, reference, customer_id, amount_minor, currency, method_kind,
      infrastructure_id, method_id, is_revenue, description, created_by_id, card_brand, card_last4, gateway_name)
    VALUES (${p.id}::uuid, ${p.reference}, ${p.customerId}::uuid, ${p.amountMinor}, ${p.currency},
            ${p.methodKind}::"PaymentMethodKind", ${p.infrastructureId}::uuid, ${p.methodId}::uuid, ${p.isRevenue},
            ${p.description}, ${p.createdById}::uuid, ${p.cardBrand ?? null}, ${p.cardLast4 ?? null}, ${p.gatewayName ?? null})`;
}

export type PaymentTotalsRecord = { currency: string; paidMinor: bigint; refundedMinor: bigint; payments: bigint };

/** Per currency: everything paid, everything refunded, and how many payments. */
export const paymentTotalsOf = (db: DbTx, customerId: string) =>
  db.$queryRaw<PaymentTotalsRecord[]>`
    SELECT currency, sum(amount_minor)::bigint AS "paidMinor", sum(refunded_minor)::bigint AS "refundedMinor",
           count(*)::bigint AS payments
    FROM payment WHERE customer_id = ${customerId}::uuid
    GROUP BY currency ORDER BY currency`;

export type PaymentRecord = {
  id: string;
  reference: string;
  amountMinor: bigint;
  currency: string;
  refundedMinor: bigint;
  pendingRefundMinor: bigint;
  methodKind: PaymentMethodKind;
  cardBrand: string | null;
  cardLast4: string | null;
  gatewayName: string | null;
  infrastructureName: string | null;
  methodName: string | null;
  isRevenue: boolean;
  description: string | null;
  capturedAt: Date;
  createdByName: string | null;
};

const PAYMENT_SELECT = columnList<PaymentRecord>({ p: "payment", i: "payment_infrastructure", m: "payment_method", s: "staff_user" }, {
  id: "p.id",
  reference: "p.reference",
  amountMinor: "p.amount_minor",
  currency: "p.currency",
  refundedMinor: "p.refunded_minor",
  pendingRefundMinor: "p.pending_refund_minor",
  methodKind: "p.method_kind",
  cardBrand: "p.card_brand",
  cardLast4: "p.card_last4",
  gatewayName: "p.gateway_name",
  infrastructureName: "i.name",
  methodName: "m.name",
  isRevenue: "p.is_revenue",
  description: "p.description",
  capturedAt: "p.captured_at",
  createdByName: "s.name",
});

/** Newest first, keyset on (captured_at, id). */
export const listPaymentRecords = (db: DbTx, opts: { customerId: string; before: { at: Date; id: string } | null; limit: number }) =>
  db.$queryRaw<PaymentRecord[]>`
    SELECT ${PAYMENT_SELECT}
    FROM payment p
    LEFT JOIN payment_infrastructure i ON i.id = p.infrastructure_id
    LEFT JOIN payment_method m ON m.id = p.method_id
    LEFT JOIN staff_user s ON s.id = p.created_by_id
    WHERE p.customer_id = ${opts.customerId}::uuid
      ${opts.before ? Prisma.sql`AND (p.captured_at, p.id) < (${opts.before.at}::timestamptz, ${opts.before.id}::uuid)` : Prisma.empty}
    ORDER BY p.captured_at DESC, p.id DESC
    LIMIT ${opts.limit}`;
