// Demo store credit: about 30% of demo customers get a few credits over the past months, some
// partly spent, some expired or deleted, a few paid for (the LONG_STORY the bulk seed can use
// instead is longer and richer: 2+ years, adjustments and refunds to credit); and every seeded customer gets their
// storefront purchases (demo-purchases.ts), so the profile tabs and Refunds look alive. Written in
// bulk (a few statements per batch) rather than through the services, because the story needs
// past dates; the ledger is simulated in time order, so every balance equals its ledger sum, and
// the seed checks that (and every payment's refunded total) before it commits.
import { Faker, base, en } from "@faker-js/faker";
import type { CreditEventType, RefundReason } from "@/prisma/generated/enums";
import type { Db, DbTx } from "@/server/db/client";
import { uuid7 } from "@/server/lib/uuid7";
import { lastActivityFromHistory } from "@/server/modules/customers/customers.repo";
import { findCreditMismatches, findLedgerMismatches } from "@/server/modules/credits/ledger-check";
import { newPaymentReference } from "@/server/modules/payments/payments.repo";
import { newRefundReference } from "@/server/modules/refunds/refunds.repo";
import { REFUND_REASON_LABELS } from "@/server/modules/refunds/refunds.schema";
import {
  DEFAULT_CATEGORY_IDS,
  DEFAULT_INFRASTRUCTURE_IDS,
  DEFAULT_METHOD_IDS,
  DEFAULT_REASON_IDS,
} from "@/server/modules/settings/settings-defaults";
import { remainingOf, type CreditRecord } from "@/server/modules/credits/credits.repo";
import { DEMO_SEED_DATE, demoCustomer } from "./demo-customers";
import { demoPurchaseRows, findRefundMismatches, insertDemoRefunds, type DemoPayment, type DemoRefund } from "./demo-purchases";
import { DEMO_STAFF } from "./demo-staff";

const DAY = 86_400_000;
const CURRENCIES = [
  { code: "USD", weight: 6, scale: 100n, min: 5, max: 150 },
  { code: "EUR", weight: 2, scale: 100n, min: 5, max: 120 },
  { code: "GBP", weight: 1, scale: 100n, min: 5, max: 100 },
  { code: "JPY", weight: 1, scale: 1n, min: 500, max: 15_000 },
] as const;
const CATEGORIES = Object.values(DEFAULT_CATEGORY_IDS);
const MEMOS = ["Late delivery", "Damaged item", "Birthday gift", "Price match", "Apology for the wait", "VIP customer", null, null, null];

/** A credit as the seed builds it: the repository's record, created by a demo staff member. */
type Credit = Omit<CreditRecord, "updatedAt" | "createdById"> & { createdById: string };
type Event = {
  id: string;
  customerId: string;
  currency: string;
  creditId: string;
  type: CreditEventType;
  amountMinor: bigint;
  balanceAfterMinor: bigint;
  actorId: string | null;
  reasonId: string | null;
  reason: string | null;
  memo: string | null;
  operationId: string;
  createdAt: Date;
};
type Payment = DemoPayment;
type Action = { at: Date; run: () => void };
/** Reseeded per customer: building a Faker costs far more than drawing from one. */
const storyFaker = new Faker({ locale: [en, base] });
/** A refund of a storefront payment to store credit, as createRefund leaves it (SUCCEEDED, its credit made). */
export type CreditRefund = {
  id: string;
  reference: string;
  paymentId: string;
  customerId: string;
  amountMinor: bigint;
  currency: string;
  reason: RefundReason;
  creditId: string;
  createdById: string;
  createdAt: Date;
};
export type CreditStoryRows = { credits: Credit[]; events: Event[]; payments: Payment[]; balances: Map<string, bigint>; creditRefunds?: CreditRefund[] };

/**
 * How long and how busy a credit story is. DEMO_STORY is the demo's (and e2e's) story, drawn the
 * same on every run; a richer story draws differently, so it is for the bulk range only.
 * - days: how far back the story starts (from the customer's sign-up at the latest);
 * - scale: multiplies the credits (1-4) and spends (0-3) drawn;
 * - fullMix: also amount adjustments (up and down) and storefront payments refunded to credit.
 */
export type StoryShape = { days: number; scale: number; fullMix: boolean };
export const DEMO_STORY: StoryShape = { days: 300, scale: 1, fullMix: false };
/** The bulk seed's story with --events: over two and a quarter years, every kind of ledger event. */
export const LONG_STORY: StoryShape = { days: 820, scale: 1, fullMix: true };
const REFUND_TO_CREDIT_REASONS: RefundReason[] = ["REQUESTED_BY_CUSTOMER", "PRODUCT_DEFECTIVE", "PRODUCT_NOT_RECEIVED", "DUPLICATE"];
const ADJUSTMENT_REASONS = [
  { id: DEFAULT_REASON_IDS.serviceGesture, name: "Customer service gesture" },
  { id: DEFAULT_REASON_IDS.orderProblem, name: "Order problem" },
  { id: DEFAULT_REASON_IDS.reconciliation, name: "Balance reconciliation" },
];
type Batch = CreditStoryRows & { refunds: DemoRefund[] };

/** The same ~30% of demo customers get a credit story on every run. */
export const hasCreditStory = (index: number) => (index * 7 + 3) % 10 < 3;

/**
 * Demo customer number `index`'s credit story, simulated in time order; appends to the batch's
 * rows (balances keyed "customerId|currency"). Deterministic for a given `now` and story shape.
 */
export function simulateCustomer(
  index: number,
  customer: { id: string; createdAt: Date },
  now: Date,
  staffIds: string[],
  out: CreditStoryRows,
  story: StoryShape = DEMO_STORY,
): void {
  const faker = storyFaker;
  faker.seed(1_000_003 + index);
  const start = Math.max(customer.createdAt.getTime(), now.getTime() - story.days * DAY);
  if (start >= now.getTime() - DAY) return;
  const between = (from: number, to: number) => new Date(faker.number.int({ min: from, max: Math.max(from, to) }));

  const balances = new Map<string, bigint>();
  const credits: Credit[] = [];
  const actions: Action[] = [];
  const event = (credit: Credit, type: CreditEventType, amountMinor: bigint, at: Date, extra: Partial<Event> = {}) => {
    const balance = (balances.get(credit.currency) ?? 0n) + amountMinor;
    balances.set(credit.currency, balance);
    out.events.push({
      id: uuid7(at.getTime()),
      customerId: customer.id,
      currency: credit.currency,
      creditId: credit.id,
      type,
      amountMinor,
      balanceAfterMinor: balance,
      actorId: null,
      reasonId: null,
      reason: null,
      memo: null,
      operationId: uuid7(at.getTime()),
      createdAt: at,
      ...extra,
    });
  };

  // At scale 1 these are the demo's own draws (1-4 credits, 0-3 spends), so its stories stay as they were.
  const creditCount = faker.number.int({ min: 1, max: Math.max(1, Math.round(4 * story.scale)) });
  for (let i = 0; i < creditCount; i++) {
    const currency = faker.helpers.weightedArrayElement(CURRENCIES.map((c) => ({ value: c, weight: c.weight })));
    const createdAt = between(start, now.getTime() - DAY);
    const amountMinor = BigInt(faker.number.int({ min: currency.min, max: currency.max })) * currency.scale;
    const hasExpiry = faker.number.int(9) < 4;
    const createdById = faker.helpers.arrayElement(staffIds);
    const credit: Credit = {
      id: uuid7(createdAt.getTime()),
      customerId: customer.id,
      currency: currency.code,
      amountMinor,
      usedMinor: 0n,
      removedMinor: 0n,
      categoryId: faker.helpers.arrayElement(CATEGORIES),
      memo: faker.helpers.arrayElement(MEMOS),
      expiresAt: hasExpiry ? new Date(createdAt.getTime() + faker.number.int({ min: 30, max: 365 }) * DAY) : null,
      expiryProcessedAt: null,
      paymentId: null,
      createdById,
      createdAt,
      voidedAt: null,
      voidedById: null,
      voidReason: null,
    };
    // One in five was sold through "Send credits": a manual payment for the earning.
    if (faker.number.int(4) === 0) {
      const payment: Payment = {
        id: uuid7(createdAt.getTime()),
        reference: newPaymentReference(),
        customerId: customer.id,
        amountMinor: (amountMinor * 9n) / 10n || 1n,
        refundedMinor: 0n,
        currency: currency.code,
        methodKind: "MANUAL",
        cardBrand: null,
        cardLast4: null,
        gatewayName: null,
        infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.bankTransfer,
        methodId: DEFAULT_METHOD_IDS.wireTransfer,
        isRevenue: faker.datatype.boolean(),
        description: "Store credit sent by staff",
        capturedAt: createdAt,
        createdById,
      };
      credit.paymentId = payment.id;
      credit.categoryId = DEFAULT_CATEGORY_IDS.manualCorrection;
      out.payments.push(payment);
    }
    credits.push(credit);
    actions.push({
      at: createdAt,
      run: () =>
        event(credit, "ISSUED", amountMinor, createdAt, {
          actorId: createdById,
          memo: credit.memo,
          reason: credit.paymentId ? "Sent credits (Bank transfer · Wire transfer)" : null,
        }),
    });
    if (credit.expiresAt && credit.expiresAt <= now) {
      const expiresAt = credit.expiresAt;
      actions.push({
        at: expiresAt,
        run: () => {
          credit.expiryProcessedAt = expiresAt;
          const left = remainingOf(credit);
          if (credit.voidedAt || left === 0n) return;
          credit.removedMinor += left;
          event(credit, "EXPIRED", -left, expiresAt, { reason: "Expired" });
        },
      });
    }
  }

  // Some spending at checkout, drawn like spendCredit does: earliest expiry first, oldest first.
  // The long story spends more often: most credit is used, over a customer's many orders.
  for (let i = faker.number.int({ min: 0, max: Math.max(1, Math.round((story.fullMix ? 5 : 3) * story.scale)) }); i > 0; i--) {
    const at = between(start + DAY, now.getTime() - 60_000);
    const order = faker.number.int({ min: 10_000, max: 99_999 });
    const share = faker.number.int({ min: 20, max: 80 });
    actions.push({
      at,
      run: () => {
        const currency = faker.helpers.arrayElement(credits).currency;
        const open = credits
          .filter((c) => c.currency === currency && c.createdAt < at && !c.voidedAt && remainingOf(c) > 0n && (!c.expiresAt || c.expiresAt > at))
          .sort((a, b) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) || a.createdAt.getTime() - b.createdAt.getTime());
        const available = open.reduce((sum, c) => sum + remainingOf(c), 0n);
        let toSpend = (available * BigInt(share)) / 100n;
        const operationId = uuid7(at.getTime());
        for (const credit of open) {
          if (toSpend === 0n) break;
          const take = remainingOf(credit) < toSpend ? remainingOf(credit) : toSpend;
          credit.usedMinor += take;
          toSpend -= take;
          event(credit, "USED", -take, at, { reason: `Order #${order}`, operationId });
        }
      },
    });
  }

  // Now and then a credit was deleted (in a long story, a chance per every few credits).
  for (let draws = story.fullMix ? Math.max(1, Math.round(story.scale)) : 1; draws > 0; draws--) {
    if (faker.number.int(9) !== 0) continue;
    const credit = faker.helpers.arrayElement(credits);
    const at = between(credit.createdAt.getTime() + 60_000, now.getTime() - 60_000);
    const staffId = staffIds[0]!;
    actions.push({
      at,
      run: () => {
        const left = remainingOf(credit);
        if (credit.voidedAt || left === 0n || (credit.expiresAt && credit.expiresAt <= at)) return;
        credit.removedMinor += left;
        credit.voidedAt = at;
        credit.voidedById = staffId;
        credit.voidReason = "Entered in error";
        event(credit, "VOIDED", -left, at, { actorId: staffId, reasonId: DEFAULT_REASON_IDS.enteredInError, reason: "Entered in error" });
      },
    });
  }

  if (story.fullMix) fullMixActions({ faker, customer, now, start, staffIds, story, credits, actions, event, out });

  actions.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const action of actions) action.run();

  out.credits.push(...credits);
  for (const [currency, balance] of balances) out.balances.set(`${customer.id}|${currency}`, balance);
}

/**
 * The long story's extra events: amount adjustments as updateCredit makes them (up, or down never
 * below what was used or removed), and storefront card payments refunded to store credit as
 * createRefund does (a credit in the Refund category, its REFUNDED_TO_CREDIT event, the refund).
 */
function fullMixActions(ctx: {
  faker: Faker;
  customer: { id: string };
  now: Date;
  start: number;
  staffIds: string[];
  story: StoryShape;
  credits: Credit[];
  actions: Action[];
  event: (credit: Credit, type: CreditEventType, amountMinor: bigint, at: Date, extra?: Partial<Event>) => void;
  out: CreditStoryRows;
}) {
  const { faker, customer, now, start, staffIds, credits, actions, event, out } = ctx;
  const between = (from: number, to: number) => new Date(faker.number.int({ min: from, max: Math.max(from, to) }));
  // About one credit in six has its amount changed once.
  for (const credit of [...credits]) {
    if (faker.number.int(5) !== 0) continue;
    const end = Math.min(credit.expiresAt?.getTime() ?? Infinity, now.getTime()) - 60_000;
    const at = between(credit.createdAt.getTime() + 60_000, end);
    const isUp = faker.datatype.boolean();
    const share = BigInt(faker.number.int({ min: 5, max: 30 }));
    const reason = faker.helpers.arrayElement(ADJUSTMENT_REASONS);
    const actorId = faker.helpers.arrayElement(staffIds);
    actions.push({
      at,
      run: () => {
        if (credit.voidedAt || credit.expiryProcessedAt || at >= now) return;
        const wanted = (credit.amountMinor * share) / 100n || 1n;
        const delta = isUp ? wanted : -(remainingOf(credit) < wanted ? remainingOf(credit) : wanted);
        if (delta === 0n) return;
        credit.amountMinor += delta;
        event(credit, delta > 0n ? "ADJUSTED_UP" : "ADJUSTED_DOWN", delta, at, { actorId, reasonId: reason.id, reason: reason.name });
      },
    });
  }
  // Refunds to store credit: about one for every ten credits issued.
  const refundTo = out.creditRefunds;
  if (!refundTo) throw new Error("A full-mix story needs creditRefunds in its rows");
  for (let i = faker.number.int({ min: 0, max: Math.max(1, Math.round(0.5 * ctx.story.scale)) }); i > 0; i--) {
    const capturedAt = between(start, now.getTime() - 2 * DAY);
    const refundedAt = between(capturedAt.getTime() + 3_600_000, Math.min(capturedAt.getTime() + 30 * DAY, now.getTime() - 60_000));
    const currency = faker.helpers.weightedArrayElement([
      { value: "USD", weight: 6 },
      { value: "EUR", weight: 2 },
      { value: "GBP", weight: 1 },
    ]);
    const paidMinor = BigInt(faker.number.int({ min: 800, max: 30_000 }));
    const refundMinor = faker.datatype.boolean() ? paidMinor : paidMinor / 2n;
    const reason = faker.helpers.arrayElement(REFUND_TO_CREDIT_REASONS);
    const staffId = faker.helpers.arrayElement(staffIds);
    const payment: Payment = {
      id: uuid7(capturedAt.getTime()),
      reference: newPaymentReference(),
      customerId: customer.id,
      amountMinor: paidMinor,
      refundedMinor: refundMinor,
      currency,
      methodKind: "CARD",
      cardBrand: faker.helpers.arrayElement(["Visa", "Mastercard", "Amex"]),
      cardLast4: String(faker.number.int({ min: 1_000, max: 9_999 })),
      gatewayName: "Sandbox",
      infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.paymentGateway,
      methodId: DEFAULT_METHOD_IDS.card,
      isRevenue: true,
      description: `Order #${faker.number.int({ min: 10_000, max: 99_999 })}`,
      capturedAt,
      createdById: null,
    };
    const refund: CreditRefund = {
      id: uuid7(refundedAt.getTime()),
      reference: newRefundReference(),
      paymentId: payment.id,
      customerId: customer.id,
      amountMinor: refundMinor,
      currency,
      reason,
      creditId: uuid7(refundedAt.getTime()),
      createdById: staffId,
      createdAt: refundedAt,
    };
    const credit: Credit = {
      id: refund.creditId,
      customerId: customer.id,
      currency,
      amountMinor: refundMinor,
      usedMinor: 0n,
      removedMinor: 0n,
      categoryId: DEFAULT_CATEGORY_IDS.refund,
      memo: `Refund ${refund.reference} of ${payment.reference}`,
      expiresAt: null,
      expiryProcessedAt: null,
      paymentId: payment.id,
      createdById: staffId,
      createdAt: refundedAt,
      voidedAt: null,
      voidedById: null,
      voidReason: null,
    };
    out.payments.push(payment);
    refundTo.push(refund);
    credits.push(credit);
    actions.push({
      at: refundedAt,
      run: () => event(credit, "REFUNDED_TO_CREDIT", refundMinor, refundedAt, { actorId: staffId, reason: `Refund: ${REFUND_REASON_LABELS[reason]}` }),
    });
  }
}

const col = <T, V>(rows: T[], pick: (row: T) => V) => rows.map(pick);
const text = (values: (bigint | null)[]) => values.map((v) => (v === null ? null : v.toString()));

async function insertBatch(tx: DbTx, rows: Batch) {
  const { credits, payments } = rows;
  // Global time order, so the ledger's seq follows time across customers too.
  const events = [...rows.events].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  if (payments.length) {
    await tx.$executeRaw`
      INSERT INTO payment (id, reference, customer_id, amount_minor, refunded_minor, currency, method_kind, card_brand, card_last4, gateway_name,
                           infrastructure_id, method_id, is_revenue, description, captured_at, created_by_id, created_at)
      SELECT id, reference, customer_id, amount_minor, refunded_minor, currency, method_kind::"PaymentMethodKind", card_brand, card_last4, gateway_name,
             infrastructure_id, method_id, is_revenue, description, captured_at, created_by_id, captured_at
      FROM unnest(${col(payments, (p) => p.id)}::uuid[], ${col(payments, (p) => p.reference)}::text[],
                  ${col(payments, (p) => p.customerId)}::uuid[], ${text(col(payments, (p) => p.amountMinor))}::bigint[],
                  ${text(col(payments, (p) => p.refundedMinor))}::bigint[],
                  ${col(payments, (p) => p.currency)}::text[], ${col(payments, (p) => p.methodKind)}::text[],
                  ${col(payments, (p) => p.cardBrand)}::text[], ${col(payments, (p) => p.cardLast4)}::text[],
                  ${col(payments, (p) => p.gatewayName)}::text[], ${col(payments, (p) => p.infrastructureId)}::uuid[],
                  ${col(payments, (p) => p.methodId)}::uuid[], ${col(payments, (p) => p.isRevenue)}::boolean[],
                  ${col(payments, (p) => p.description)}::text[], ${col(payments, (p) => p.capturedAt)}::timestamptz[],
                  ${col(payments, (p) => p.createdById)}::uuid[])
        AS t(id, reference, customer_id, amount_minor, refunded_minor, currency, method_kind, card_brand, card_last4, gateway_name,
             infrastructure_id, method_id, is_revenue, description, captured_at, created_by_id)`;
  }
  if (credits.length) {
    await tx.$executeRaw`
      INSERT INTO store_credit (id, customer_id, currency, amount_minor, used_minor, removed_minor, category_id, memo, expires_at,
                                expiry_processed_at, payment_id, created_by_id, created_at, updated_at, voided_at, voided_by_id, void_reason)
      SELECT id, customer_id, currency, amount_minor, used_minor, removed_minor, category_id, memo, expires_at,
             expiry_processed_at, payment_id, created_by_id, created_at, created_at, voided_at, voided_by_id, void_reason
      FROM unnest(${col(credits, (c) => c.id)}::uuid[], ${col(credits, (c) => c.customerId)}::uuid[], ${col(credits, (c) => c.currency)}::text[],
                  ${text(col(credits, (c) => c.amountMinor))}::bigint[], ${text(col(credits, (c) => c.usedMinor))}::bigint[],
                  ${text(col(credits, (c) => c.removedMinor))}::bigint[], ${col(credits, (c) => c.categoryId)}::uuid[],
                  ${col(credits, (c) => c.memo)}::text[], ${col(credits, (c) => c.expiresAt)}::timestamptz[],
                  ${col(credits, (c) => c.expiryProcessedAt)}::timestamptz[], ${col(credits, (c) => c.paymentId)}::uuid[],
                  ${col(credits, (c) => c.createdById)}::uuid[], ${col(credits, (c) => c.createdAt)}::timestamptz[],
                  ${col(credits, (c) => c.voidedAt)}::timestamptz[], ${col(credits, (c) => c.voidedById)}::uuid[],
                  ${col(credits, (c) => c.voidReason)}::text[])
        AS t(id, customer_id, currency, amount_minor, used_minor, removed_minor, category_id, memo, expires_at,
             expiry_processed_at, payment_id, created_by_id, created_at, voided_at, voided_by_id, void_reason)`;
  }
  if (events.length) {
    await tx.$executeRaw`
      INSERT INTO credit_event (id, customer_id, currency, credit_id, type, amount_minor, balance_after_minor, actor_id, reason_id,
                                reason, memo, operation_id, created_at)
      SELECT id, customer_id, currency, credit_id, type::"CreditEventType", amount_minor, balance_after_minor, actor_id, reason_id,
             reason, memo, operation_id, created_at
      FROM unnest(${col(events, (e) => e.id)}::uuid[], ${col(events, (e) => e.customerId)}::uuid[], ${col(events, (e) => e.currency)}::text[],
                  ${col(events, (e) => e.creditId)}::uuid[], ${col(events, (e) => e.type)}::text[],
                  ${text(col(events, (e) => e.amountMinor))}::bigint[], ${text(col(events, (e) => e.balanceAfterMinor))}::bigint[],
                  ${col(events, (e) => e.actorId)}::uuid[], ${col(events, (e) => e.reasonId)}::uuid[], ${col(events, (e) => e.reason)}::text[],
                  ${col(events, (e) => e.memo)}::text[], ${col(events, (e) => e.operationId)}::uuid[],
                  ${col(events, (e) => e.createdAt)}::timestamptz[])
        WITH ORDINALITY AS t(id, customer_id, currency, credit_id, type, amount_minor, balance_after_minor, actor_id, reason_id,
                             reason, memo, operation_id, created_at, n)
      ORDER BY n`;
    await tx.$executeRaw`
      INSERT INTO audit_log (id, actor_id, action, entity_type, entity_id, details, created_at)
      SELECT id, actor_id, action, 'store_credit', credit_id::text, jsonb_build_object('seeded', true, 'amountMinor', amount_minor::text), created_at
      FROM unnest(${col(events, () => uuid7())}::uuid[], ${col(events, (e) => e.actorId)}::uuid[],
                  ${col(events, (e) => AUDIT_ACTIONS[e.type])}::text[], ${col(events, (e) => e.creditId)}::uuid[],
                  ${text(col(events, (e) => e.amountMinor))}::bigint[], ${col(events, (e) => e.createdAt)}::timestamptz[])
        AS t(id, actor_id, action, credit_id, amount_minor, created_at)`;
  }
  const keys = [...rows.balances.keys()].map((key) => key.split("|") as [string, string]);
  if (keys.length) {
    await tx.$executeRaw`
      INSERT INTO credit_balance (customer_id, currency, balance_minor)
      SELECT * FROM unnest(${keys.map(([id]) => id)}::uuid[], ${keys.map(([, currency]) => currency)}::text[],
                           ${[...rows.balances.values()].map(String)}::bigint[])`;
  }
}

export const AUDIT_ACTIONS: Record<CreditEventType, string> = {
  ISSUED: "credit.issue",
  ADJUSTED_UP: "credit.update",
  ADJUSTED_DOWN: "credit.update",
  VOIDED: "credit.void",
  EXPIRED: "credit.expire",
  USED: "credit.spend",
  USE_REVERSED: "credit.reverse_spend",
  REFUNDED_TO_CREDIT: "credit.refund",
};

/** The demo staff members who give out credit in the stories (not the viewer). */
export async function creditStaffIds(db: Db): Promise<string[]> {
  const staff = await db.staffUser.findMany({ where: { email: { in: DEMO_STAFF.filter((s) => s.role !== "VIEWER").map((s) => s.email) } } });
  return staff.map((s) => s.id);
}

/**
 * Gives demo customers 0..count-1 their storefront purchases, and about 30% of them (the same
 * ones every time) their credit story. Customers who already have any credit or payment are left
 * alone, so a rerun adds nothing.
 */
export async function seedDemoCredits(
  db: Db,
  opts: { count: number; now?: Date; batchSize?: number },
): Promise<{ customers: number; credits: number; payments: number; refunds: number }> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 1_000;
  const totals = { customers: 0, credits: 0, payments: 0, refunds: 0 };
  const staffIds = await creditStaffIds(db);
  if (staffIds.length === 0) return totals;
  for (let start = 0; start < opts.count; start += batchSize) {
    const customers = Array.from({ length: Math.min(batchSize, opts.count - start) }, (_, i) => ({
      index: start + i,
      customer: demoCustomer(start + i, DEMO_SEED_DATE),
    }));
    await db.$transaction(
      async (tx) => {
        const existing = await tx.$queryRaw<{ id: string }[]>`
          SELECT c.id FROM customer c
          WHERE c.id = ANY(${customers.map((c) => c.customer.id)}::uuid[])
            AND NOT EXISTS (SELECT 1 FROM store_credit s WHERE s.customer_id = c.id)
            AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.customer_id = c.id)`;
        const fresh = new Set(existing.map((row) => row.id));
        const rows: Batch = { credits: [], events: [], payments: [], refunds: [], balances: new Map() };
        for (const { index, customer } of customers) {
          if (!fresh.has(customer.id)) continue;
          if (hasCreditStory(index)) simulateCustomer(index, customer, now, staffIds, rows);
          const purchases = demoPurchaseRows(index, { customerId: customer.id, signedUpAt: customer.createdAt, now, staffIds });
          rows.payments.push(...purchases.payments);
          rows.refunds.push(...purchases.refunds);
        }
        await insertBatch(tx, rows);
        await insertDemoRefunds(tx, rows.refunds);
        // The history has past dates, so Last activity comes from it rather than from now().
        await lastActivityFromHistory(tx, [...fresh]);
        const withCredits = [...new Set(rows.credits.map((c) => c.customerId))];
        const withRefunds = [...new Set(rows.refunds.map((r) => r.customerId))];
        // The seed keeps the books as the services do; refuse to commit anything else.
        const mismatches = [
          ...(await findLedgerMismatches(tx, { customerIds: withCredits })),
          ...(await findCreditMismatches(tx, { customerIds: withCredits })),
          ...(await findRefundMismatches(tx, withRefunds)),
        ];
        if (mismatches.length) throw new Error(`Demo credits do not add up: ${JSON.stringify(mismatches[0], (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`);
        totals.customers += fresh.size;
        totals.credits += rows.credits.length;
        totals.payments += rows.payments.length;
        totals.refunds += rows.refunds.length;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }
  return totals;
}
