import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcomeOf } from "@/tests/helpers/trpc-errors";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerAs } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { balanceOf, issueTestCredit, newKey, serviceContextAs } from "@/tests/factories/credits";
import { toDecimalString } from "@/server/lib/money";
import {
  DEFAULT_CATEGORY_IDS,
  DEFAULT_INFRASTRUCTURE_IDS,
  DEFAULT_METHOD_IDS,
  DEFAULT_REASON_IDS,
} from "@/server/modules/settings/settings-defaults";

let t: TestDb;
let customerId: string;
let creditId: string;

beforeAll(async () => {
  t = await openTestDb();
  const admin = await serviceContextAs(t.db, "ADMIN");
  customerId = (await createCustomer(t.db)).id;
  creditId = (await issueTestCredit(admin, customerId, { amount: "40" })).creditId;
});
afterAll(() => t.close());

type Caller = Awaited<ReturnType<typeof callerAs>>["caller"];

const mutations = {
  issue: (c: Caller) =>
    c.credits.issue({ idempotencyKey: newKey(), customerId, amount: "1", currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill }),
  send: (c: Caller) =>
    c.credits.send({
      idempotencyKey: newKey(),
      customerId,
      amount: "1",
      currency: "USD",
      infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.manual,
      methodId: DEFAULT_METHOD_IDS.adminEntry,
    }),
  update: (c: Caller) => c.credits.update({ idempotencyKey: newKey(), creditId, memo: `memo ${newKey()}` }),
  void: (c: Caller) => c.credits.void({ idempotencyKey: newKey(), creditId, reasonId: DEFAULT_REASON_IDS.other }),
  setBalance: async (c: Caller) =>
    c.credits.setBalance({
      idempotencyKey: newKey(),
      customerId,
      currency: "EUR",
      balance: String(1 + Math.floor(Math.random() * 1000)),
      expectedBalance: toDecimalString(await balanceOf(t.db, customerId, "EUR"), "EUR"),
      reasonId: DEFAULT_REASON_IDS.other,
    }),
};

const reads = {
  get: (c: Caller) => c.credits.get({ creditId }),
  list: (c: Caller) => c.credits.list({ customerId }),
  history: (c: Caller) => c.credits.history({ customerId }),
  historyCsv: (c: Caller) => c.credits.historyCsv({ customerId }),
  summary: (c: Caller) => c.customers.summary({ customerId }),
  options: (c: Caller) => c.settings.options(),
};

describe("who may do what with store credit", () => {
  it("lets a SUPPORT_AGENT add, send and edit credit and read the history, but not delete or set a balance", async () => {
    const { caller } = await callerAs(t.db, "SUPPORT_AGENT");
    expect(await outcomeOf(mutations.issue(caller))).toBe("OK");
    expect(await outcomeOf(mutations.send(caller))).toBe("OK");
    expect(await outcomeOf(mutations.update(caller))).toBe("OK");
    expect(await outcomeOf(mutations.void(caller))).toBe("FORBIDDEN");
    expect(await outcomeOf(mutations.setBalance(caller))).toBe("FORBIDDEN");
    for (const read of Object.values(reads)) expect(await outcomeOf(read(caller))).toBe("OK");
    expect(await outcomeOf(caller.settings.list())).toBe("FORBIDDEN");
  });

  it("lets a VIEWER only read", async () => {
    const { caller } = await callerAs(t.db, "VIEWER");
    for (const [name, mutate] of Object.entries(mutations)) expect([name, await outcomeOf(mutate(caller))]).toEqual([name, "FORBIDDEN"]);
    for (const [name, read] of Object.entries(reads)) expect([name, await outcomeOf(read(caller))]).toEqual([name, "OK"]);
    expect(await outcomeOf(caller.settings.categories.create({ name: "Nope" }))).toBe("FORBIDDEN");
  });

  it("lets an ADMIN delete and set a balance", async () => {
    const { caller } = await callerAs(t.db, "ADMIN");
    expect(await outcomeOf(mutations.setBalance(caller))).toBe("OK");
    expect(await outcomeOf(mutations.void(caller))).toBe("OK");
  });

  it("says which permission is missing", async () => {
    const { caller } = await callerAs(t.db, "VIEWER");
    await expect(mutations.issue(caller)).rejects.toThrow('Your role may not do this (needs "Add store credit and send credits").');
  });

  it("writes nothing for a refused call", async () => {
    const { caller } = await callerAs(t.db, "VIEWER");
    const before = await t.db.storeCredit.count({ where: { customerId } });
    await mutations.issue(caller).catch(() => undefined);
    expect(await t.db.storeCredit.count({ where: { customerId } })).toBe(before);
  });
});
