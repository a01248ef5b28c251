// A form sends the value it showed; a change made by someone else since then is refused with
// CONFLICT under the row's lock, never silently undone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldRefusal, outcomeOf } from "@/tests/helpers/trpc-errors";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerFor } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { balanceOf, issueTestCredit, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import { creditWritesOf } from "@/tests/factories/writes";
import type { ServiceContext } from "@/server/lib/service-context";
import { DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";

let t: TestDb;
let agentA: ServiceContext;
let agentB: ServiceContext;
let callerA: Awaited<ReturnType<typeof callerFor>>;
let callerB: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  t = await openTestDb();
  agentA = await serviceContextAs(t.db, "ADMIN");
  agentB = await serviceContextAs(t.db, "ADMIN");
  callerA = await callerFor(t.db, agentA.actor.id);
  callerB = await callerFor(t.db, agentB.actor.id);
});
afterAll(() => t.close());

// The refused request's key may keep the refusal as its answer (so a retry cannot take effect
// later); everything else a change would write is compared.
async function writesExceptKey(scope: Parameters<typeof creditWritesOf>[1]) {
  const { idempotencyKeys: _key, ...writes } = await creditWritesOf(t.db, scope);
  return writes;
}

type SetBalance = { customerId: string; balance: string; expectedBalance: string; idempotencyKey?: string };
const setBalanceInput = ({ idempotencyKey = newKey(), ...rest }: SetBalance) => ({
  idempotencyKey,
  currency: "USD",
  reasonId: DEFAULT_REASON_IDS.reconciliation,
  note: "Counted again",
  ...rest,
});

describe("setting a balance from a page that showed another balance", () => {
  it("refuses with CONFLICT when another agent added credit since, and writes nothing", async () => {
    const customer = await createCustomer(t.db);
    // A opens the Payments tab: Credits 0.00. B adds 25.00.
    const added = await issueTestCredit(agentB, customer.id, { amount: "25.00" });
    const input = setBalanceInput({ customerId: customer.id, balance: "10.00", expectedBalance: "0.00" });
    const scope = { customerId: customer.id, actorId: agentA.actor.id, idempotencyKey: input.idempotencyKey };
    const before = await writesExceptKey(scope);

    expect(await fieldRefusal(callerA.credits.setBalance(input))).toEqual({
      code: "CONFLICT",
      fieldMessage: "balance: The balance changed from US$0.00 to US$25.00 since you opened this; check and save again",
    });
    expect(await writesExceptKey(scope)).toEqual(before);
    expect(await t.db.storeCredit.findUniqueOrThrow({ where: { id: added.creditId } })).toMatchObject({ amountMinor: 2500n, usedMinor: 0n, removedMinor: 0n });
    expect(await balanceOf(t.db, customer.id)).toBe(2500n);
  });

  it("sets the balance once the form sends the balance it now shows", async () => {
    const customer = await createCustomer(t.db);
    await issueTestCredit(agentB, customer.id, { amount: "25.00" });
    expect(await outcomeOf(callerA.credits.setBalance(setBalanceInput({ customerId: customer.id, balance: "10.00", expectedBalance: "0" })))).toBe("CONFLICT");

    const result = await callerA.credits.setBalance(setBalanceInput({ customerId: customer.id, balance: "10.00", expectedBalance: "25.00" }));
    expect(result).toMatchObject({ previousBalanceMinor: 2500n, balanceMinor: 1000n });
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("refuses a stale page whatever the target: lower, equal to or higher than the balance now", async () => {
    const customer = await createCustomer(t.db);
    await issueTestCredit(agentB, customer.id, { amount: "25.00" });
    for (const balance of ["5.00", "25.00", "40.00"]) {
      expect(await fieldRefusal(callerA.credits.setBalance(setBalanceInput({ customerId: customer.id, balance, expectedBalance: "30.00" })))).toEqual({
        code: "CONFLICT",
        fieldMessage: "balance: The balance changed from US$30.00 to US$25.00 since you opened this; check and save again",
      });
    }
    expect(await balanceOf(t.db, customer.id)).toBe(2500n);
  });

  it("lets exactly one of several agents who saw the same balance set it; the others get CONFLICT", async () => {
    const customer = await createCustomer(t.db);
    await issueTestCredit(agentB, customer.id, { amount: "8.00" });
    const targets = ["1.00", "2.00", "3.00", "4.00", "5.00", "6.00"];
    const outcomes = await Promise.all(
      targets.map((balance) => outcomeOf(callerA.credits.setBalance(setBalanceInput({ customerId: customer.id, balance, expectedBalance: "8.00" })))),
    );
    expect(outcomes.filter((o) => o === "OK")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "CONFLICT")).toHaveLength(targets.length - 1);
    const winner = targets[outcomes.indexOf("OK")]!;
    expect(await balanceOf(t.db, customer.id)).toBe(BigInt(winner.replace(".", "")));
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("refuses a request without the shown balance, naming the field", async () => {
    const customer = await createCustomer(t.db);
    const { expectedBalance: _omitted, ...input } = setBalanceInput({ customerId: customer.id, balance: "10.00", expectedBalance: "0.00" });
    // @ts-expect-error: a caller that does not send the balance it showed
    expect(await fieldRefusal(callerA.credits.setBalance(input))).toEqual({
      code: "BAD_REQUEST",
      fieldMessage: "expectedBalance: Send the amount the form showed; reload the form",
    });
    expect(await fieldRefusal(callerA.credits.setBalance({ ...input, expectedBalance: "0,000" }))).toEqual({
      code: "BAD_REQUEST",
      fieldMessage: "expectedBalance: Enter an amount like 1234.56",
    });
    expect(await t.db.creditBalance.count({ where: { customerId: customer.id } })).toBe(0);
  });
});

describe("editing a credit's amount from a page that showed another amount", () => {
  const amountEdit = (creditId: string, amount: string, expectedAmount: string) => ({
    idempotencyKey: newKey(),
    creditId,
    amount,
    expectedAmount,
    currency: "USD",
    reasonId: DEFAULT_REASON_IDS.other,
    memo: "Edited from a stale page",
  });

  it("refuses with CONFLICT when another agent changed the amount since, and writes nothing", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(agentA, customer.id, { amount: "20.00", memo: "Original" });
    // A opens the edit form (20.00); B raises the amount to 30.00.
    await callerB.credits.update(amountEdit(credit.creditId, "30.00", "20.00"));
    const input = amountEdit(credit.creditId, "15.00", "20.00");
    const scope = { customerId: customer.id, actorId: agentA.actor.id, idempotencyKey: input.idempotencyKey };
    const before = await writesExceptKey(scope);

    expect(await fieldRefusal(callerA.credits.update(input))).toEqual({
      code: "CONFLICT",
      fieldMessage: "amount: The amount changed from US$20.00 to US$30.00 since you opened this; check and save again",
    });
    expect(await writesExceptKey(scope)).toEqual(before);
    expect(await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } })).toMatchObject({ amountMinor: 3000n, memo: "Edited from a stale page" });
    expect(await balanceOf(t.db, customer.id)).toBe(3000n);
  });

  it("changes the amount once the form sends the amount it now shows", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(agentA, customer.id, { amount: "20.00" });
    await callerB.credits.update(amountEdit(credit.creditId, "30.00", "20.00"));
    expect(await callerA.credits.update(amountEdit(credit.creditId, "15.00", "30.00"))).toMatchObject({ changedFields: ["amount"], balanceMinor: 1500n });
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("refuses a new amount sent without the amount the form showed, naming the field", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(agentA, customer.id, { amount: "20.00" });
    const { expectedAmount: _omitted, ...input } = amountEdit(credit.creditId, "15.00", "20.00");
    expect(await fieldRefusal(callerA.credits.update(input))).toEqual({
      code: "BAD_REQUEST",
      fieldMessage: "expectedAmount: Send the amount the form showed; reload the form",
    });
    expect(await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } })).toMatchObject({ amountMinor: 2000n, memo: null });
  });

  it("leaves memo, category and expiry edits without an amount alone", async () => {
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(agentA, customer.id, { amount: "20.00" });
    await callerB.credits.update(amountEdit(credit.creditId, "30.00", "20.00"));
    expect(await callerA.credits.update({ idempotencyKey: newKey(), creditId: credit.creditId, memo: "Only the memo" })).toMatchObject({ changedFields: ["memo"] });
  });
});
