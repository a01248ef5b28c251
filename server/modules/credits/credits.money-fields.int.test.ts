// Every money field of the credits procedures reads amounts by the one rule (server/lib/money.ts)
// and words its refusals by its own: "above zero" where zero is refused, "zero or more" where not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldRefusal } from "@/tests/helpers/trpc-errors";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerFor } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { issueTestCredit, newKey, serviceContextAs } from "@/tests/factories/credits";
import { creditWritesOf } from "@/tests/factories/writes";
import type { ServiceContext } from "@/server/lib/service-context";
import { DEFAULT_CATEGORY_IDS, DEFAULT_INFRASTRUCTURE_IDS, DEFAULT_METHOD_IDS, DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";

let t: TestDb;
let admin: ServiceContext;
let caller: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
  caller = await callerFor(t.db, admin.actor.id);
});
afterAll(() => t.close());

type Target = { customerId: string; creditId: string };
type Field = { name: string; field: string; allowsZero: boolean; call: (target: Target, amount: string, idempotencyKey: string) => Promise<unknown> };

// Each customer holds one US$10.00 credit, so the shown balance and amount are "10.00".
const FIELDS: Field[] = [
  {
    name: "credits.issue amount",
    field: "amount",
    allowsZero: false,
    call: ({ customerId }, amount, idempotencyKey) =>
      caller.credits.issue({ idempotencyKey, customerId, amount, currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill }),
  },
  {
    name: "credits.send amount",
    field: "amount",
    allowsZero: false,
    call: ({ customerId }, amount, idempotencyKey) =>
      caller.credits.send({ idempotencyKey, customerId, amount, currency: "USD", infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.manual, methodId: DEFAULT_METHOD_IDS.adminEntry }),
  },
  {
    name: "credits.send earningAmount",
    field: "earningAmount",
    allowsZero: true,
    call: ({ customerId }, earningAmount, idempotencyKey) =>
      caller.credits.send({
        idempotencyKey,
        customerId,
        amount: "5.00",
        earningAmount,
        currency: "USD",
        infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.manual,
        methodId: DEFAULT_METHOD_IDS.adminEntry,
      }),
  },
  {
    name: "credits.update amount",
    field: "amount",
    allowsZero: false,
    call: ({ creditId }, amount, idempotencyKey) =>
      caller.credits.update({ idempotencyKey, creditId, amount, expectedAmount: "10.00", currency: "USD", reasonId: DEFAULT_REASON_IDS.other }),
  },
  {
    name: "credits.setBalance balance",
    field: "balance",
    allowsZero: true,
    call: ({ customerId }, balance, idempotencyKey) =>
      caller.credits.setBalance({ idempotencyKey, customerId, currency: "USD", balance, expectedBalance: "10.00", reasonId: DEFAULT_REASON_IDS.other }),
  },
];

async function target(): Promise<Target> {
  const customer = await createCustomer(t.db);
  const { creditId } = await issueTestCredit(admin, customer.id, { amount: "10.00" });
  return { customerId: customer.id, creditId };
}

/** Calls `field` with `amount`, which must be refused; returns the answer and what was there before and after. */
async function refuse(field: Field, amount: string) {
  const where = await target();
  const idempotencyKey = newKey();
  const scope = { customerId: where.customerId, actorId: admin.actor.id, idempotencyKey };
  const before = await creditWritesOf(t.db, scope);
  const answer = await fieldRefusal(field.call(where, amount, idempotencyKey));
  return { answer, before, after: await creditWritesOf(t.db, scope) };
}

describe.each(FIELDS)("$name", (field) => {
  it.each(["0,500", "0,050", "000,001", "1,23", "1,2345", "12,50", ".5", "+5"])("refuses %s as an amount that could be misread, writing nothing", async (amount) => {
    const { answer, before, after } = await refuse(field, amount);
    expect(answer).toEqual({ code: "BAD_REQUEST", fieldMessage: `${field.field}: Enter an amount like 1234.56` });
    expect(after).toEqual(before);
  });

  it("refuses a negative amount with the field's own rule, writing nothing", async () => {
    const rule = field.allowsZero ? "Enter an amount of zero or more" : "Enter an amount above zero";
    const { answer, before, after } = await refuse(field, "-5");
    expect(answer).toEqual({ code: "BAD_REQUEST", fieldMessage: `${field.field}: ${rule}` });
    expect(after).toEqual(before);
  });

  it(field.allowsZero ? "accepts zero" : "refuses zero with the same rule, writing nothing", async () => {
    if (field.allowsZero) {
      const where = await target();
      await expect(field.call(where, "0", newKey())).resolves.toBeDefined();
      return;
    }
    const { answer, before, after } = await refuse(field, "0");
    expect(answer).toEqual({ code: "BAD_REQUEST", fieldMessage: `${field.field}: Enter an amount above zero` });
    expect(after).toEqual(before);
  });
});
