import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { backdateExpiry, balanceOf, issueTestCredit, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import type { ServiceContext } from "@/server/lib/service-context";
import { spendCredit, spendCreditFast } from "./spend-credit";

// The storefront's spend takes a fast path (claim, lock + read, write on one pg connection) when
// nothing needs the general path; it must answer and write as the general path does.
let t: TestDb;
let admin: ServiceContext;
const storefront = () => ({ db: t.db, actor: null });

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
});
afterAll(() => t.close());

const spendInput = (customerId: string, amountMinor: bigint) => ({ idempotencyKey: newKey(), customerId, currency: "USD", amountMinor, reference: "Order 7" });

// PGlite has no pg pool: there the fast path always hands over (and the general path answers).
describe.skipIf(inject("testDatabase").kind === "pglite")("spending's fast path", () => {
  it("spends across credits in spending order, and its stored answer replays", async () => {
    const customer = await createCustomer(t.db);
    const later = await issueTestCredit(admin, customer.id, { amount: "10.00" });
    const sooner = await issueTestCredit(admin, customer.id, { amount: "5.00", expiresAt: new Date(Date.now() + 86_400_000) });
    const input = spendInput(customer.id, 700n);

    const spent = await spendCreditFast(storefront(), input);
    expect(spent).toMatchObject({
      amountMinor: 700n,
      balanceMinor: 800n,
      allocations: [{ creditId: sooner.creditId, amountMinor: 500n }, { creditId: later.creditId, amountMinor: 200n }],
    });
    expect(await spendCredit(storefront(), input)).toEqual(spent);
    const events = await t.db.creditEvent.findMany({ where: { customerId: customer.id, type: "USED" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.amountMinor, e.balanceAfterMinor, e.reason, e.actorId])).toEqual([
      [-500n, 1000n, "Order 7", null],
      [-200n, 800n, "Order 7", null],
    ]);
    expect(await t.db.auditLog.count({ where: { customerId: customer.id, action: "credit.spend" } })).toBe(1);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("hands over, writing nothing, on a shortfall, a credit due for expiry, a used key or no balance", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "3.00" });
    const short = spendInput(customer.id, 301n);
    expect(await spendCreditFast(storefront(), short)).toBeNull();
    // Rolled back, the key included: the general path claims it and stores the refusal.
    expect(await t.db.idempotencyKey.count({ where: { key: short.idempotencyKey } })).toBe(0);
    await expect(spendCredit(storefront(), short)).rejects.toMatchObject({ code: "INSUFFICIENT_FUNDS" });
    await expect(spendCredit(storefront(), short)).rejects.toMatchObject({ code: "INSUFFICIENT_FUNDS" });

    const used = spendInput(customer.id, 100n);
    expect(await spendCreditFast(storefront(), used)).not.toBeNull();
    expect(await spendCreditFast(storefront(), used)).toBeNull();
    expect(await spendCreditFast(storefront(), spendInput((await createCustomer(t.db)).id, 100n))).toBeNull();

    await backdateExpiry(t.db, credit.creditId);
    expect(await spendCreditFast(storefront(), spendInput(customer.id, 100n))).toBeNull();
    expect(await balanceOf(t.db, customer.id)).toBe(200n);
    expect(await t.db.creditEvent.count({ where: { customerId: customer.id, type: "USED" } })).toBe(1);
  });
});
