import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerAs } from "@/tests/factories/staff";
import { createCustomer, uniqueWord } from "@/tests/factories/customers";
import { issueTestCredit, serviceContextAs } from "@/tests/factories/credits";
import { createTestPayment } from "@/tests/factories/payments";

let t: TestDb;

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

const currencies = (amounts: { currency: string }[] | null | undefined) => amounts?.map((a) => a.currency);

// The seeded store currencies are USD (position 1), EUR, GBP, JPY: USD is the main one.
describe("amounts in several currencies", () => {
  it("come main currency first, then by code, in the customers list and every profile card", async () => {
    const ctx = await serviceContextAs(t.db, "ADMIN");
    const { caller } = await callerAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db, { lastName: uniqueWord() });
    for (const currency of ["JPY", "GBP", "USD", "EUR"]) {
      await issueTestCredit(ctx, customer.id, { currency, amount: "10" });
      await createTestPayment(t.db, { customerId: customer.id, amountMinor: 1000n, currency, methodKind: "CARD" });
    }

    const row = (await caller.customers.search({ query: customer.lastName })).items.find((c) => c.id === customer.id);
    expect(currencies(row?.balances)).toEqual(["USD", "EUR", "GBP", "JPY"]);

    const summary = await caller.customers.summary({ customerId: customer.id });
    expect(currencies(summary.balances)).toEqual(["USD", "EUR", "GBP", "JPY"]);
    expect(currencies(summary.payments?.lifetimePaid)).toEqual(["USD", "EUR", "GBP", "JPY"]);
  });
});
