import { randomBytes } from "node:crypto";
import { Prisma } from "@/prisma/generated/client";
import type { PaymentMethodKind } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";

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

export type PaymentTotalsRow = { currency: string; paid_minor: bigint; refunded_minor: bigint; payments: bigint };

/** Per currency: everything paid, everything refunded, and how many payments. */
export const paymentTotalsOf = (db: DbTx, customerId: string) =>
  db.$queryRaw<PaymentTotalsRow[]>`
    SELECT currency, sum(amount_minor)::bigint AS paid_minor, sum(refunded_minor)::bigint AS refunded_minor,
           count(*)::bigint AS payments
    FROM payment WHERE customer_id = ${customerId}::uuid
    GROUP BY currency ORDER BY currency`;

export type PaymentListRow = {
  id: string;
  reference: string;
  amount_minor: bigint;
  currency: string;
  refunded_minor: bigint;
  pending_refund_minor: bigint;
  method_kind: PaymentMethodKind;
  card_brand: string | null;
  card_last4: string | null;
  gateway_name: string | null;
  infrastructure_name: string | null;
  method_name: string | null;
  is_revenue: boolean;
  description: string | null;
  captured_at: Date;
  created_by_name: string | null;
};

/** Newest first, keyset on (captured_at, id). */
export const listPaymentRows = (db: DbTx, opts: { customerId: string; before: { at: Date; id: string } | null; limit: number }) =>
  db.$queryRaw<PaymentListRow[]>`
    SELECT p.id, p.reference, p.amount_minor, p.currency, p.refunded_minor, p.pending_refund_minor, p.method_kind, p.card_brand, p.card_last4,
           p.gateway_name, i.name AS infrastructure_name, m.name AS method_name, p.is_revenue, p.description,
           p.captured_at, s.name AS created_by_name
    FROM payment p
    LEFT JOIN payment_infrastructure i ON i.id = p.infrastructure_id
    LEFT JOIN payment_method m ON m.id = p.method_id
    LEFT JOIN staff_user s ON s.id = p.created_by_id
    WHERE p.customer_id = ${opts.customerId}::uuid
      ${opts.before ? Prisma.sql`AND (p.captured_at, p.id) < (${opts.before.at}::timestamptz, ${opts.before.id}::uuid)` : Prisma.empty}
    ORDER BY p.captured_at DESC, p.id DESC
    LIMIT ${opts.limit}`;
