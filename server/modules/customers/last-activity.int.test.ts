import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { refusal } from "@/tests/helpers/trpc-errors";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerFor } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { backdateExpiry, balanceOf, executed, issueTestCredit, newKey, serviceContextAs } from "@/tests/factories/credits";
import { createTestPayment } from "@/tests/factories/payments";
import { refundTestPayment } from "@/tests/factories/refunds";
import { toDecimalString } from "@/server/lib/money";
import type { ServiceContext } from "@/server/lib/service-context";
import { expireCredits } from "@/server/modules/credits/expire-credits";
import { spendCredit } from "@/server/modules/credits/spend-credit";
import { reconcilePendingRefunds } from "@/server/modules/refunds/reconcile-refunds";
import { DEFAULT_INFRASTRUCTURE_IDS, DEFAULT_METHOD_IDS, DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";
import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import { lastActivityFromHistory, searchCustomerRows } from "./customers.repo";
import { planCustomerSearch } from "./search/search-plan";

let t: TestDb;
let admin: ServiceContext;
let caller: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
  caller = await callerFor(t.db, admin.actor.id);
});
afterAll(() => t.close());

const LONG_AGO = new Date("2020-01-01T00:00:00.000Z");
let customerId: string;

/** Each test starts from a customer whose Last activity is long past, so any move shows. */
beforeEach(async () => {
  customerId = (await createCustomer(t.db)).id;
  await quiet(customerId);
});

const quiet = (id: string) => t.db.$executeRaw`UPDATE customer SET last_activity_at = ${LONG_AGO}::timestamptz WHERE id = ${id}::uuid`;
const lastActivityOf = async (id: string) => (await t.db.customer.findUniqueOrThrow({ where: { id } })).lastActivityAt;

/** Last activity is the time of the event's own audit row: both are now() of the one transaction that wrote them. */
async function expectMovedWith(id: string, action: string) {
  const audit = await t.db.auditLog.findFirstOrThrow({ where: { customerId: id, action }, orderBy: { createdAt: "desc" } });
  expect(await lastActivityOf(id)).toEqual(audit.createdAt);
}

const setBalance = async (id: string, balance: string) =>
  caller.credits.setBalance({
    idempotencyKey: newKey(),
    customerId: id,
    currency: "USD",
    balance,
    expectedBalance: toDecimalString(await balanceOf(t.db, id), "USD"),
    reasonId: DEFAULT_REASON_IDS.enteredInError,
  });

const cardPayment = (id: string, last4 = "4242") =>
  createTestPayment(t.db, { customerId: id, amountMinor: 10_000n, currency: "USD", methodKind: "CARD", cardBrand: "Visa", cardLast4: last4 });

describe("Last activity moves with every money event, in the event's transaction", () => {
  it("issuing a credit", async () => {
    await issueTestCredit(admin, customerId);
    await expectMovedWith(customerId, "credit.issue");
  });

  it("sending credits with an earning (a payment)", async () => {
    executed(
      await caller.credits.send({
        idempotencyKey: newKey(),
        customerId,
        amount: "20.00",
        currency: "USD",
        infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.bankTransfer,
        methodId: DEFAULT_METHOD_IDS.wireTransfer,
        earningAmount: "18.00",
      }),
    );
    expect(await t.db.payment.count({ where: { customerId } })).toBe(1);
    await expectMovedWith(customerId, "credit.send");
  });

  it("changing a credit's amount, and voiding it", async () => {
    const credit = await issueTestCredit(admin, customerId, { amount: "10.00" });
    await quiet(customerId);
    executed(
      await caller.credits.update({
        idempotencyKey: newKey(),
        creditId: credit.creditId,
        amount: "15.00",
        expectedAmount: "10.00",
        currency: "USD",
        reasonId: DEFAULT_REASON_IDS.enteredInError,
      }),
    );
    await expectMovedWith(customerId, "credit.update");

    await quiet(customerId);
    await caller.credits.void({ idempotencyKey: newKey(), creditId: credit.creditId, reasonId: DEFAULT_REASON_IDS.duplicateCredit });
    await expectMovedWith(customerId, "credit.void");
  });

  it("setting the balance, up and down", async () => {
    await issueTestCredit(admin, customerId, { amount: "10.00" });
    await quiet(customerId);
    executed(await setBalance(customerId, "25.00"));
    await expectMovedWith(customerId, "credit.set_balance");

    await quiet(customerId);
    executed(await setBalance(customerId, "5.00"));
    await expectMovedWith(customerId, "credit.set_balance");
  });

  it("spending credit", async () => {
    await issueTestCredit(admin, customerId, { amount: "10.00" });
    await quiet(customerId);
    await spendCredit(admin, { idempotencyKey: newKey(), customerId, currency: "USD", amountMinor: 400n });
    await expectMovedWith(customerId, "credit.spend");
  });

  it("a credit expiring in the expiry run", async () => {
    const credit = await issueTestCredit(admin, customerId, { amount: "10.00" });
    await backdateExpiry(t.db, credit.creditId);
    await quiet(customerId);
    await expireCredits({ db: t.db });
    await expectMovedWith(customerId, "credit.expire");
  });

  it("a refund to store credit", async () => {
    const payment = await cardPayment(customerId);
    await refundTestPayment(admin, payment.id, { type: "STORE_CREDIT", amount: "12.00" });
    await expectMovedWith(customerId, "refund.create");
  });

  it("a refund to the card: when recorded, and again when the gateway's answer settles it", async () => {
    // The sandbox loses the first answer for a card ending 0069, so the refund stays PENDING until reconcile.
    const payment = await cardPayment(customerId, "0069");
    const created = await refundTestPayment(admin, payment.id, { amount: "25.00" });
    expect(created.refund.status).toBe("PENDING");
    await expectMovedWith(customerId, "refund.create");

    await quiet(customerId);
    await reconcilePendingRefunds(t.db, { minAgeMs: 0 });
    expect((await t.db.refund.findUniqueOrThrow({ where: { id: created.refund.id } })).status).toBe("SUCCEEDED");
    await expectMovedWith(customerId, "refund.succeed");
  });
});

describe("a refused action leaves Last activity alone", () => {
  it("setting the balance it already has, spending more than the balance, refunding more than was paid", async () => {
    await issueTestCredit(admin, customerId, { amount: "10.00" });
    const payment = await cardPayment(customerId);
    await quiet(customerId);

    expect((await refusal(setBalance(customerId, "10.00"))).code).toBe("BAD_REQUEST");
    await expect(spendCredit(admin, { idempotencyKey: newKey(), customerId, currency: "USD", amountMinor: 5_000n })).rejects.toThrow();
    await expect(refundTestPayment(admin, payment.id, { amount: "500.00" })).rejects.toThrow(/At most/);

    expect(await lastActivityOf(customerId)).toEqual(LONG_AGO);
  });
});

describe("Last activity from history (the demo seed)", () => {
  it("is the newest payment, credit event or refund, and the sign-up without any", async () => {
    const idle = await createCustomer(t.db, { createdAt: new Date("2021-05-01T10:00:00.000Z") });
    await issueTestCredit(admin, customerId);
    const payment = await cardPayment(customerId);
    await refundTestPayment(admin, payment.id, { amount: "5.00" });
    const newest = await t.db.auditLog.findFirstOrThrow({ where: { customerId, action: "refund.succeed" } });
    await quiet(customerId);

    await lastActivityFromHistory(t.db, [customerId, idle.id]);

    const settled = await t.db.refund.findFirstOrThrow({ where: { paymentId: payment.id } });
    expect(await lastActivityOf(customerId)).toEqual(settled.settledAt);
    expect(settled.settledAt!.getTime()).toBeGreaterThanOrEqual(newest.createdAt.getTime());
    expect(await lastActivityOf(idle.id)).toEqual(new Date("2021-05-01T10:00:00.000Z"));
  });
});

describe("the customers list sorted by Last activity", () => {
  it("still reads the (last_activity_at, id) index", async () => {
    // The list's own statement, EXPLAINed instead of run; a small table would tempt the planner to a seq scan.
    const plans: string[] = [];
    await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const explaining = {
        $queryRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => {
          const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${Prisma.sql(strings, ...values)}`);
          plans.push(rows.map((row) => row["QUERY PLAN"]).join("\n"));
          return [];
        },
      } as unknown as DbTx;
      await searchCustomerRows(explaining, planCustomerSearch("", "lastActivityAt", "desc"), null, 25);
    });
    expect(plans).toHaveLength(1);
    expect(plans[0]).toContain("customer_last_activity_at_id_idx");
    expect(plans[0]).not.toMatch(/\bSort\b/);
  });
});
