import { demoCustomer } from "../../prisma/seed/demo-customers";
import { DEMO_DECLINED_CARD, DEMO_TIMEOUT_CARD, demoPurchasePlan, plannedRefundableMinor } from "../../prisma/seed/demo-purchases";
import { DEMO_CUSTOMER_COUNT } from "../../scripts/lib/demo-size";

// The demo seed is deterministic, so tests know who is in the database. Each spec file takes its
// own customer (by `slot`), so files running in parallel never change each other's customer.
const SEED_DATE = new Date(Date.UTC(2026, 10, 1));

export const demoCustomers = Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, i) => ({
  ...demoCustomer(i, SEED_DATE),
  purchases: demoPurchasePlan(i),
}));
type DemoCustomer = (typeof demoCustomers)[number];

const withFullName = (customer: DemoCustomer) => ({ ...customer, fullName: `${customer.firstName} ${customer.lastName}` });

/** Customers with a US phone and a last name no other demo customer has. */
const distinctCandidates = demoCustomers.filter(
  (c) =>
    /^\+1 \d{3}-\d{3}-\d{4}$/.test(c.phone ?? "") &&
    /^[A-Za-z]+$/.test(c.lastName) &&
    demoCustomers.filter((o) => o.lastName === c.lastName).length === 1,
);

/** A customer with a US phone and a last name no other demo customer has. */
export function distinctCustomer(slot: number) {
  const customer = distinctCandidates[slot];
  if (!customer) throw new Error(`No distinct demo customer for slot ${slot}`);
  return withFullName(customer);
}

// distinctCustomer slots 0–2 belong to other specs; the payment helpers below never return them.
const paymentCandidates = distinctCandidates.slice(3);
const newestCardOf = (c: DemoCustomer) => c.purchases.findLast((p) => p.method === "CARD");
const SANDBOX_CARDS = [DEMO_DECLINED_CARD, DEMO_TIMEOUT_CARD];

/**
 * A distinct customer whose newest card payment ends with `last4` (the sandbox declines "0002"
 * and times out on "0069"). A customer has one newest card, so no two last4s share a customer.
 */
export function customerWithCardEnding(last4: string, slot: number) {
  const customer = paymentCandidates.filter((c) => newestCardOf(c)?.cardLast4 === last4)[slot];
  if (!customer) throw new Error(`No distinct demo customer with a card ending ${last4} for slot ${slot}`);
  const payment = newestCardOf(customer)!;
  return { ...withFullName(customer), payment };
}

const isRefundableUsdCard = (p: DemoCustomer["purchases"][number]) => p.method === "CARD" && p.currency === "USD" && plannedRefundableMinor(p) > 0n;

/**
 * A distinct customer with a USD card payment that has something left to refund (`payment`, their
 * newest such) and none of the sandbox's test cards. Counted from the end, apart from
 * customerWithCardEnding's picks.
 */
export function customerWithPayments(slot: number) {
  const candidates = paymentCandidates
    .filter((c) => !c.purchases.some((p) => SANDBOX_CARDS.includes(p.cardLast4 ?? "")) && c.purchases.some(isRefundableUsdCard))
    .reverse();
  const customer = candidates[slot];
  if (!customer) throw new Error(`No distinct demo customer with a refundable card payment for slot ${slot}`);
  return { ...withFullName(customer), payment: customer.purchases.findLast(isRefundableUsdCard)! };
}
