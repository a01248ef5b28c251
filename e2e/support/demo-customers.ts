import { demoCustomer } from "../../prisma/seed/demo-customers";
import { DEMO_CUSTOMER_COUNT } from "../../scripts/lib/prepare-database";

// The demo seed is deterministic, so tests know who is in the database. Each spec file takes its
// own customer (by `slot`), so files running in parallel never change each other's customer.
const SEED_DATE = new Date(Date.UTC(2026, 10, 1));

export const demoCustomers = Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, i) => demoCustomer(i, SEED_DATE));

/** A customer with a US phone and a last name no other demo customer has. */
export function distinctCustomer(slot: number) {
  const candidates = demoCustomers.filter(
    (c) =>
      /^\+1 \d{3}-\d{3}-\d{4}$/.test(c.phone ?? "") &&
      /^[A-Za-z]+$/.test(c.lastName) &&
      demoCustomers.filter((o) => o.lastName === c.lastName).length === 1,
  );
  const customer = candidates[slot];
  if (!customer) throw new Error(`No distinct demo customer for slot ${slot}`);
  return { ...customer, fullName: `${customer.firstName} ${customer.lastName}` };
}
