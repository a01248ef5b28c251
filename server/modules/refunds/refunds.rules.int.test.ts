// What the refunds procedures refuse, called as the browser calls them (tRPC, with a session's
// staff member): bad input names its field and writes nothing; roles decide who may refund.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { fieldRefusal, refusal } from "@/tests/helpers/trpc-errors";
import { createCustomer } from "@/tests/factories/customers";
import { executed, newKey } from "@/tests/factories/credits";
import { createTestPayment } from "@/tests/factories/payments";
import { paymentTotalsOf } from "@/tests/factories/refunds";
import { callerAs } from "@/tests/factories/staff";

let t: TestDb;
let admin: Awaited<ReturnType<typeof callerAs>>["caller"];

beforeAll(async () => {
  t = await openTestDb();
  admin = (await callerAs(t.db, "ADMIN")).caller;
});
afterAll(() => t.close());

async function payment(amountMinor = 10_000n) {
  const customer = await createCustomer(t.db);
  return createTestPayment(t.db, { customerId: customer.id, amountMinor, currency: "USD", methodKind: "CARD", cardBrand: "Visa", cardLast4: "4242" });
}

const input = (paymentId: string, overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: newKey(),
  paymentId,
  type: "ORIGINAL_METHOD" as const,
  amount: "10.00",
  currency: "USD",
  reason: "REQUESTED_BY_CUSTOMER" as const,
  ...overrides,
});

describe("refunds.create refuses bad input, naming the field, and writes nothing", () => {
  it.each([
    ["amount 0", { amount: "0" }, "amount: Enter an amount above zero"],
    ["a negative amount", { amount: "-5" }, "amount: Enter an amount above zero"],
    ["too many decimals", { amount: "1.005" }, "amount: Use at most 2 decimals for USD"],
    ["not a number", { amount: "ten" }, "amount: Enter an amount like 1234.56"],
    ["a decimal comma that reads as grouping", { amount: "0,050" }, "amount: Enter an amount like 1234.56"],
    ["above the refundable remainder", { amount: "100.01" }, "amount: At most US$100.00 can be refunded"],
    ["Other without an explanation", { reason: "OTHER", explanation: "  " }, "explanation: Explain the reason when you choose Other"],
    ["another currency than the payment's", { currency: "EUR" }, "currency: This payment is in USD"],
    ["an unknown reason", { reason: "BORED" }, "reason: Choose a reason"],
  ])("refuses %s", async (_name, overrides, message) => {
    const p = await payment();
    const { code, fieldMessage } = await fieldRefusal(admin.refunds.create(input(p.id, overrides)));
    expect(code).toBe("BAD_REQUEST");
    expect(fieldMessage).toBe(message);
    expect(await t.db.refund.count({ where: { paymentId: p.id } })).toBe(0);
    expect(await paymentTotalsOf(t.db, p.id)).toEqual({ refundedMinor: 0n, pendingRefundMinor: 0n });
    expect(await t.db.idempotencyKey.count({ where: { key: input(p.id).idempotencyKey } })).toBe(0);
  });

  it("refuses an unknown payment", async () => {
    const { code, message } = await refusal(admin.refunds.create(input("0190abcd-0000-7000-8000-000000000000")));
    expect(code).toBe("NOT_FOUND");
    expect(message).toBe("This payment does not exist");
  });

  it("refuses a refund of a fully refunded payment", async () => {
    const p = await payment(1_000n);
    await admin.refunds.create(input(p.id, { amount: "10" }));
    const { code, fieldMessage } = await fieldRefusal(admin.refunds.create(input(p.id, { amount: "1" })));
    expect([code, fieldMessage]).toEqual(["BAD_REQUEST", "amount: This payment is already fully refunded"]);
  });
});

describe("who may refund", () => {
  it("lets a support agent refund and refuses a viewer with FORBIDDEN", async () => {
    const p = await payment();
    const agent = (await callerAs(t.db, "SUPPORT_AGENT")).caller;
    const viewer = (await callerAs(t.db, "VIEWER")).caller;

    const made = executed(await agent.refunds.create(input(p.id)));
    expect(made.refund.status).toBe("SUCCEEDED");
    expect((await refusal(viewer.refunds.create(input(p.id)))).code).toBe("FORBIDDEN");
    expect(await t.db.refund.count({ where: { paymentId: p.id } })).toBe(1);
    // Reading is for every role.
    expect((await viewer.refunds.get({ refundId: made.refund.id })).reference).toBe(made.refund.reference);
  });
});
