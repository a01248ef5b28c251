import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openScratchPglite, type TestDb } from "@/tests/helpers/test-db";
import { issueTestCredit, serviceContextAs } from "@/tests/factories/credits";
import { createCustomer, uniqueWord } from "@/tests/factories/customers";
import { callerAs } from "@/tests/factories/staff";
import { findCreditMismatches, findLedgerMismatches } from "@/server/modules/credits/ledger-check";
import { spendCredit } from "@/server/modules/credits/spend-credit";
import { captureHold } from "@/server/modules/holds/capture-hold";
import { releaseHold } from "@/server/modules/holds/release-hold";
import { placeTestHold, storefrontContext } from "@/tests/factories/holds";

// The embedded database is what `npm start` uses, so the main paths run on it in every test run,
// even when the rest of the suite runs on PostgreSQL.
let t: TestDb;
beforeAll(async () => {
  t = await openScratchPglite();
});
afterAll(() => t.close());

describe("smoke run on embedded PGlite", () => {
  it("searches customers with trigram ranking", async () => {
    const { caller } = await callerAs(t.db, "VIEWER");
    const tag = uniqueWord();
    const customer = await createCustomer(t.db, { firstName: "Ada", lastName: `Lovelace${tag}` });
    const page = await caller.customers.search({ query: `ada lovelace${tag}` });
    expect(page.items.map((c) => c.id)).toEqual([customer.id]);
  });

  it("issues and spends store credit with the balance equal to its ledger", async () => {
    const ctx = await serviceContextAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db);
    await issueTestCredit(ctx, customer.id, { amount: "30.00" });
    const spent = await spendCredit(
      { db: t.db, actor: null },
      { idempotencyKey: randomUUID(), customerId: customer.id, currency: "USD", amountMinor: 1250n },
    );
    expect(spent.balanceMinor).toBe(1750n);
    expect(await findLedgerMismatches(t.db, { customerIds: [customer.id] })).toEqual([]);
    expect(await findCreditMismatches(t.db, { customerIds: [customer.id] })).toEqual([]);
  });

  it("keeps a refused spend refused under its key (the savepoint works here too)", async () => {
    const ctx = await serviceContextAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db);
    const spend = { idempotencyKey: randomUUID(), customerId: customer.id, currency: "USD", amountMinor: 500n };
    const refused = { code: "INSUFFICIENT_FUNDS", message: "Only US$0.00 of store credit is available" };
    const balanceRow = () => t.db.creditBalance.findUnique({ where: { customerId_currency: { customerId: customer.id, currency: "USD" } } });
    await expect(spendCredit({ db: t.db, actor: null }, spend)).rejects.toMatchObject(refused);
    // The balance row the spend created to lock was undone with it (rolled back to the savepoint).
    expect(await balanceRow()).toBeNull();
    await issueTestCredit(ctx, customer.id, { amount: "30.00" });
    await expect(spendCredit({ db: t.db, actor: null }, spend)).rejects.toMatchObject(refused);
    expect(await balanceRow()).toMatchObject({ balanceMinor: 3000n });
  });

  it("holds, captures and releases store credit, keeping what is held apart from the balance", async () => {
    const ctx = await serviceContextAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db);
    await issueTestCredit(ctx, customer.id, { amount: "30.00" });
    const first = await placeTestHold(t.db, customer.id, { amountMinor: 2000n });
    const second = await placeTestHold(t.db, customer.id, { amountMinor: 1000n });
    await expect(placeTestHold(t.db, customer.id, { amountMinor: 1n })).rejects.toMatchObject({ code: "INSUFFICIENT_FUNDS" });
    const captured = await captureHold(storefrontContext(t.db), { idempotencyKey: randomUUID(), holdId: first.hold.id, amountMinor: 1500n });
    expect(captured).toMatchObject({ balanceMinor: 1500n, spendableMinor: 500n });
    const released = await releaseHold(storefrontContext(t.db), { idempotencyKey: randomUUID(), holdId: second.hold.id });
    expect(released).toMatchObject({ balanceMinor: 1500n, spendableMinor: 1500n });
    expect(await findLedgerMismatches(t.db, { customerIds: [customer.id] })).toEqual([]);
  });
});
