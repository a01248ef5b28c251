// Demo storefront purchases: every demo customer in the seeded range has 1–4 card or PayPal
// payments, and a few of them a settled refund. The plan (what was bought, with which card) comes
// from the customer's index alone, so e2e can pick customers by card; only the dates depend on
// the day the seed runs.
import { randomBytes } from "node:crypto";
import { Faker, base, en } from "@faker-js/faker";
import type { PaymentMethodKind, RefundReason } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";
import { uuid7 } from "@/server/lib/uuid7";
import { newPaymentReference } from "@/server/modules/payments/payments.repo";
import { newRefundReference } from "@/server/modules/refunds/refunds.repo";
import { DEFAULT_INFRASTRUCTURE_IDS, DEFAULT_METHOD_IDS } from "@/server/modules/settings/settings-defaults";

const DAY = 86_400_000;
/** The sandbox gateway's test cards (server/modules/refunds/gateways/sandbox-gateway.ts). */
export const DEMO_DECLINED_CARD = "0002";
export const DEMO_TIMEOUT_CARD = "0069";
const SPECIAL_CARDS = new Set([DEMO_DECLINED_CARD, DEMO_TIMEOUT_CARD]);
const GATEWAY = "Sandbox";

const CURRENCIES = [
  { code: "USD", weight: 8, minMinor: 800, maxMinor: 40_000 },
  { code: "EUR", weight: 1, minMinor: 800, maxMinor: 30_000 },
  { code: "GBP", weight: 1, minMinor: 800, maxMinor: 25_000 },
] as const;
const BRANDS = [
  { value: "Visa", weight: 5 },
  { value: "Mastercard", weight: 3 },
  { value: "Amex", weight: 1 },
];
// Made once and reseeded per customer: building a Faker costs far more than drawing from one.
const planFaker = new Faker({ locale: [en, base] });
const dateFaker = new Faker({ locale: [en, base] });
const REFUND_REASONS: RefundReason[] = ["REQUESTED_BY_CUSTOMER", "PRODUCT_DEFECTIVE", "PRODUCT_NOT_RECEIVED", "DUPLICATE"];

export type DemoPurchase = {
  method: Extract<PaymentMethodKind, "CARD" | "PAYPAL">;
  cardBrand: string | null;
  cardLast4: string | null;
  amountMinor: bigint;
  currency: string;
  description: string;
  /** A settled refund to the original method, if this purchase has one. */
  refund: { amountMinor: bigint; reason: RefundReason } | null;
};

/**
 * What customer `index` bought, oldest first; independent of the date. Customers with index % 10
 * of 1 have their newest card payment on the sandbox's declined card, 2 on its timeout card; no
 * one else ever gets those two numbers.
 */
export function demoPurchasePlan(index: number): DemoPurchase[] {
  const faker = planFaker;
  faker.seed(2_000_029 + index);
  const count = faker.number.int({ min: 1, max: 4 });
  const plan: DemoPurchase[] = [];
  for (let i = 0; i < count; i++) {
    const isCard = faker.number.int(3) > 0;
    const currency = faker.helpers.weightedArrayElement(CURRENCIES.map((c) => ({ value: c, weight: c.weight })));
    const brand = faker.helpers.weightedArrayElement(BRANDS);
    let last4 = faker.string.numeric(4);
    while (SPECIAL_CARDS.has(last4)) last4 = faker.string.numeric(4);
    plan.push({
      method: isCard ? "CARD" : "PAYPAL",
      cardBrand: isCard ? brand : null,
      cardLast4: isCard ? last4 : null,
      amountMinor: BigInt(faker.number.int({ min: currency.minMinor, max: currency.maxMinor })),
      currency: currency.code,
      description: `Order #${faker.number.int({ min: 10_000, max: 99_999 })}`,
      refund: null,
    });
  }

  const special = index % 10 === 1 ? DEMO_DECLINED_CARD : index % 10 === 2 ? DEMO_TIMEOUT_CARD : null;
  if (special) {
    const newestCard = plan.findLastIndex((p) => p.method === "CARD");
    const at = newestCard === -1 ? plan.length - 1 : newestCard;
    plan[at] = { ...plan[at]!, method: "CARD", cardBrand: "Visa", cardLast4: special, currency: "USD" };
  }

  // One customer in twenty had their oldest purchase refunded, in part or in full.
  const oldest = plan[0]!;
  if (index % 20 === 3 && !SPECIAL_CARDS.has(oldest.cardLast4 ?? "")) {
    const isFull = faker.datatype.boolean();
    oldest.refund = {
      amountMinor: isFull ? oldest.amountMinor : oldest.amountMinor / 2n || oldest.amountMinor,
      reason: faker.helpers.arrayElement(REFUND_REASONS),
    };
  }
  return plan;
}

/** What is left to refund of a planned purchase. */
export const plannedRefundableMinor = (p: DemoPurchase) => p.amountMinor - (p.refund?.amountMinor ?? 0n);

export type DemoPayment = {
  id: string;
  reference: string;
  customerId: string;
  amountMinor: bigint;
  refundedMinor: bigint;
  currency: string;
  methodKind: PaymentMethodKind;
  cardBrand: string | null;
  cardLast4: string | null;
  gatewayName: string | null;
  infrastructureId: string | null;
  methodId: string | null;
  isRevenue: boolean;
  description: string | null;
  capturedAt: Date;
  createdById: string | null;
};

export type DemoRefund = {
  id: string;
  reference: string;
  paymentId: string;
  paymentReference: string;
  customerId: string;
  amountMinor: bigint;
  currency: string;
  reason: RefundReason;
  gatewayRef: string;
  createdById: string;
  createdAt: Date;
  settledAt: Date;
};

/**
 * The rows of a customer's planned purchases: captured between sign-up and yesterday, in plan
 * order, and their refunds settled by the sandbox a few seconds after a staff member asked.
 */
export function demoPurchaseRows(
  index: number,
  opts: { customerId: string; signedUpAt: Date; now: Date; staffIds: string[] },
): { payments: DemoPayment[]; refunds: DemoRefund[] } {
  const plan = demoPurchasePlan(index);
  const faker = dateFaker;
  faker.seed(3_000_017 + index);
  const latest = opts.now.getTime() - DAY;
  const earliest = Math.min(opts.signedUpAt.getTime(), latest - DAY);
  const times = plan.map(() => faker.number.int({ min: earliest, max: latest })).sort((a, b) => a - b);

  const payments: DemoPayment[] = [];
  const refunds: DemoRefund[] = [];
  plan.forEach((purchase, i) => {
    const capturedAt = new Date(times[i]!);
    const isCard = purchase.method === "CARD";
    const payment: DemoPayment = {
      id: uuid7(capturedAt.getTime()),
      reference: newPaymentReference(),
      customerId: opts.customerId,
      amountMinor: purchase.amountMinor,
      refundedMinor: purchase.refund?.amountMinor ?? 0n,
      currency: purchase.currency,
      methodKind: purchase.method,
      cardBrand: purchase.cardBrand,
      cardLast4: purchase.cardLast4,
      gatewayName: GATEWAY,
      infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.paymentGateway,
      methodId: isCard ? DEFAULT_METHOD_IDS.card : DEFAULT_METHOD_IDS.paypal,
      isRevenue: true,
      description: purchase.description,
      capturedAt,
      createdById: null,
    };
    payments.push(payment);
    if (purchase.refund) {
      const createdAt = new Date(faker.number.int({ min: capturedAt.getTime() + 3_600_000, max: Math.max(capturedAt.getTime() + 3_600_000, opts.now.getTime() - 3_600_000) }));
      refunds.push({
        id: uuid7(createdAt.getTime()),
        reference: newRefundReference(),
        paymentId: payment.id,
        paymentReference: payment.reference,
        customerId: opts.customerId,
        amountMinor: purchase.refund.amountMinor,
        currency: purchase.currency,
        reason: purchase.refund.reason,
        gatewayRef: `sbx_re_${randomBytes(9).toString("base64url")}`,
        createdById: faker.helpers.arrayElement(opts.staffIds),
        createdAt,
        settledAt: new Date(createdAt.getTime() + faker.number.int({ min: 800, max: 4_000 })),
      });
    }
  });
  return { payments, refunds };
}

const col = <T, V>(rows: T[], pick: (row: T) => V) => rows.map(pick);

/**
 * Settled refunds as the services leave them: the refund, the sandbox's own record of the payout
 * (so a later refund of the rest is checked against it) and the create/succeed audit rows. The
 * payments carry their refunded amounts already.
 */
export async function insertDemoRefunds(tx: DbTx, refunds: DemoRefund[]): Promise<void> {
  if (!refunds.length) return;
  const amounts = col(refunds, (r) => r.amountMinor.toString());
  await tx.$executeRaw`
    INSERT INTO refund (id, reference, payment_id, customer_id, amount_minor, currency, type, status, reason, notify_customer,
                        gateway_key, gateway_name, gateway_ref, attempts, created_by_id, created_at, settled_at)
    SELECT id, reference, payment_id, customer_id, amount_minor, currency, 'ORIGINAL_METHOD', 'SUCCEEDED', reason::"RefundReason", false,
           id, ${GATEWAY}, gateway_ref, 1, created_by_id, created_at, settled_at
    FROM unnest(${col(refunds, (r) => r.id)}::uuid[], ${col(refunds, (r) => r.reference)}::text[], ${col(refunds, (r) => r.paymentId)}::uuid[],
                ${col(refunds, (r) => r.customerId)}::uuid[], ${amounts}::bigint[], ${col(refunds, (r) => r.currency)}::text[],
                ${col(refunds, (r) => r.reason)}::text[],
                ${col(refunds, (r) => r.gatewayRef)}::text[], ${col(refunds, (r) => r.createdById)}::uuid[],
                ${col(refunds, (r) => r.createdAt)}::timestamptz[], ${col(refunds, (r) => r.settledAt)}::timestamptz[])
      AS t(id, reference, payment_id, customer_id, amount_minor, currency, reason, gateway_ref, created_by_id,
           created_at, settled_at)`;
  await tx.$executeRaw`
    INSERT INTO sandbox_gateway_refund (idempotency_key, payment_ref, amount_minor, gateway_ref, created_at)
    SELECT * FROM unnest(${col(refunds, (r) => r.id)}::uuid[], ${col(refunds, (r) => r.paymentReference)}::text[],
                         ${amounts}::bigint[], ${col(refunds, (r) => r.gatewayRef)}::text[], ${col(refunds, (r) => r.settledAt)}::timestamptz[])`;
  const audits = refunds.flatMap((r) => [
    { refund: r, action: "refund.create", at: r.createdAt, actorId: r.createdById as string | null },
    { refund: r, action: "refund.succeed", at: r.settledAt, actorId: r.createdById as string | null },
  ]);
  await tx.$executeRaw`
    INSERT INTO audit_log (id, actor_id, action, entity_type, entity_id, details, created_at)
    SELECT id, actor_id, action, 'refund', refund_id::text,
           jsonb_build_object('seeded', true, 'reference', reference, 'paymentId', payment_id, 'amountMinor', amount_minor,
                              'currency', currency, 'gateway', ${GATEWAY}::text),
           created_at
    FROM unnest(${col(audits, (a) => uuid7(a.at.getTime()))}::uuid[], ${col(audits, (a) => a.actorId)}::uuid[],
                ${col(audits, (a) => a.action)}::text[], ${col(audits, (a) => a.refund.id)}::uuid[],
                ${col(audits, (a) => a.refund.reference)}::text[], ${col(audits, (a) => a.refund.paymentId)}::text[],
                ${col(audits, (a) => a.refund.amountMinor.toString())}::text[], ${col(audits, (a) => a.refund.currency)}::text[],
                ${col(audits, (a) => a.at)}::timestamptz[])
      AS t(id, actor_id, action, refund_id, reference, payment_id, amount_minor, currency, created_at)`;
}

/** Payments of these customers whose refunded total is not the sum of their succeeded refunds. */
export async function findRefundMismatches(tx: DbTx, customerIds: string[]) {
  return tx.$queryRaw<{ reference: string; refunded_minor: bigint; refunds_minor: bigint }[]>`
    SELECT p.reference, p.refunded_minor, coalesce(sum(r.amount_minor) FILTER (WHERE r.status = 'SUCCEEDED'), 0)::bigint AS refunds_minor
    FROM payment p LEFT JOIN refund r ON r.payment_id = p.id
    WHERE p.customer_id = ANY(${customerIds}::uuid[])
    GROUP BY p.id
    HAVING p.refunded_minor <> coalesce(sum(r.amount_minor) FILTER (WHERE r.status = 'SUCCEEDED'), 0)`;
}
