// Over-refund is impossible: concurrent refunds of one payment are checked against each other
// under the payment's row lock. On PostgreSQL the requests really overlap (a pool of connections);
// PGlite runs them one after another, proving the bookkeeping only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { balanceOf, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import { createTestPayment } from "@/tests/factories/payments";
import { paymentTotalsOf, refundTestPayment, sandboxPayoutsOf } from "@/tests/factories/refunds";
import { isAppError } from "@/server/lib/app-error";
import type { ServiceContext } from "@/server/lib/service-context";

let t: TestDb;
let agents: ServiceContext[];

beforeAll(async () => {
  t = await openTestDb();
  agents = [await serviceContextAs(t.db, "ADMIN"), await serviceContextAs(t.db, "SUPPORT_AGENT")];
});
afterAll(() => t.close());

async function settleAll<T>(calls: Promise<T>[]) {
  const results = await Promise.allSettled(calls);
  const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  // Every refusal is the amount rule, never a deadlock, a timeout or a constraint error.
  expect(refused.filter((e) => !(isAppError(e) && e.code === "BAD_INPUT" && e.field === "amount"))).toEqual([]);
  return { succeeded: results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])), refusedCount: refused.length };
}

async function payment100() {
  const customer = await createCustomer(t.db);
  const payment = await createTestPayment(t.db, { customerId: customer.id, amountMinor: 10_000n, currency: "USD", methodKind: "CARD", cardBrand: "Visa", cardLast4: "4242" });
  return { customer, payment };
}

describe("20 concurrent refunds of 10 against a payment of 100", () => {
  it("succeed exactly 10 times through the gateway", async () => {
    const { payment } = await payment100();

    const { succeeded, refusedCount } = await settleAll(
      Array.from({ length: 20 }, (_, i) => refundTestPayment(agents[i % 2]!, payment.id, { amount: "10.00" })),
    );

    expect(succeeded.filter((r) => r.refund.status === "SUCCEEDED")).toHaveLength(10);
    expect(refusedCount).toBe(10);
    expect(await paymentTotalsOf(t.db, payment.id)).toEqual({ refundedMinor: 10_000n, pendingRefundMinor: 0n });
    expect(await sandboxPayoutsOf(t.db, payment.reference)).toEqual({ count: 10, totalMinor: 10_000n });
  });

  it("succeed exactly 10 times to store credit, and the ledger adds up", async () => {
    const { customer, payment } = await payment100();

    const { succeeded, refusedCount } = await settleAll(
      Array.from({ length: 20 }, (_, i) => refundTestPayment(agents[i % 2]!, payment.id, { amount: "10.00", type: "STORE_CREDIT" })),
    );

    expect(succeeded.filter((r) => r.refund.status === "SUCCEEDED")).toHaveLength(10);
    expect(refusedCount).toBe(10);
    expect(await paymentTotalsOf(t.db, payment.id)).toEqual({ refundedMinor: 10_000n, pendingRefundMinor: 0n });
    expect(await balanceOf(t.db, customer.id)).toBe(10_000n);
    expect(await t.db.storeCredit.count({ where: { customerId: customer.id } })).toBe(10);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("mixed gateway and store-credit refunds share the same limit", async () => {
    const { payment } = await payment100();
    const { succeeded } = await settleAll(
      Array.from({ length: 20 }, (_, i) =>
        refundTestPayment(agents[i % 2]!, payment.id, { amount: "10.00", type: i % 3 === 0 ? "STORE_CREDIT" : "ORIGINAL_METHOD" }),
      ),
    );
    expect(succeeded).toHaveLength(10);
    expect((await paymentTotalsOf(t.db, payment.id)).refundedMinor).toBe(10_000n);
  });
});

describe("a double click", () => {
  it("sends the same key twice at once and refunds once", async () => {
    const { payment } = await payment100();
    const key = newKey();
    const [first, second] = await Promise.all([
      refundTestPayment(agents[0]!, payment.id, { amount: "25.00", idempotencyKey: key }),
      refundTestPayment(agents[0]!, payment.id, { amount: "25.00", idempotencyKey: key }),
    ]);
    expect(second.refund.id).toBe(first.refund.id);
    expect(await t.db.refund.count({ where: { paymentId: payment.id } })).toBe(1);
    expect(await sandboxPayoutsOf(t.db, payment.reference)).toEqual({ count: 1, totalMinor: 2_500n });
    expect((await paymentTotalsOf(t.db, payment.id)).refundedMinor).toBe(2_500n);
  });
});
