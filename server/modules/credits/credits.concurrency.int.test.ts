// Concurrency on a real database. On PostgreSQL the operations really overlap (a pool of
// connections); PGlite has one connection and runs transactions one after another, so there the
// same tests prove the bookkeeping only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { backdateExpiry, balanceOf, issueTestCredit, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import { isAppError, type AppErrorCode } from "@/server/lib/app-error";
import { toDecimalString } from "@/server/lib/money";
import type { ServiceContext } from "@/server/lib/service-context";
import { DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";
import { ZSetBalanceInput, ZUpdateCreditInput } from "./credits.schema";
import { expireCredits } from "./expire-credits";
import { setBalance } from "./set-balance";
import { reverseSpend, spendCredit } from "./spend-credit";
import { updateCredit } from "./update-credit";
import { voidCredit } from "./void-credit";

let t: TestDb;
let admin: ServiceContext;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
});
afterAll(() => t.close());

/** Settles every call; a rejection must be an AppError with one of `expected` codes. */
async function settle<T>(calls: Promise<T>[], expected: AppErrorCode[]) {
  const results = await Promise.allSettled(calls);
  const unexpected = results.flatMap((r) =>
    r.status === "rejected" && !(isAppError(r.reason) && expected.includes(r.reason.code)) ? [r.reason as unknown] : [],
  );
  expect(unexpected).toEqual([]);
  return {
    fulfilled: results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])),
    refusedWith: results.flatMap((r) => (r.status === "rejected" && isAppError(r.reason) ? [r.reason.code] : [])),
  };
}

const spend = (customerId: string, amountMinor: bigint, currency = "USD") =>
  spendCredit({ db: t.db, actor: null }, { idempotencyKey: newKey(), customerId, currency, amountMinor });

describe("concurrent money operations", () => {
  it("lets exactly 10 of 50 concurrent spends of 10 through against a balance of 100", async () => {
    const customer = await createCustomer(t.db);
    for (const amount of ["25", "25", "30", "20"]) await issueTestCredit(admin, customer.id, { amount });

    const { fulfilled, refusedWith } = await settle(
      Array.from({ length: 50 }, () => spend(customer.id, 1000n)),
      ["INSUFFICIENT_FUNDS"],
    );
    expect(fulfilled).toHaveLength(10);
    expect(refusedWith).toEqual(Array(40).fill("INSUFFICIENT_FUNDS"));
    expect(await balanceOf(t.db, customer.id)).toBe(0n);
    // Each success saw a distinct balance: 90, 80, ..., 0.
    expect(fulfilled.map((r) => r.balanceMinor).sort((x, y) => Number(y - x))).toEqual(
      Array.from({ length: 10 }, (_, i) => BigInt(9 - i) * 1000n),
    );
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("never leaves a negative or inconsistent balance when one credit is deleted while being spent", async () => {
    for (let round = 0; round < 3; round++) {
      const customer = await createCustomer(t.db);
      const credit = await issueTestCredit(admin, customer.id, { amount: "100" });
      const calls: Promise<unknown>[] = [];
      for (let i = 0; i < 24; i++) {
        calls.push(
          i % 6 === 3
            ? voidCredit(admin, { idempotencyKey: newKey(), creditId: credit.creditId, reasonId: DEFAULT_REASON_IDS.other, note: null })
            : spend(customer.id, 700n),
        );
      }
      const { fulfilled } = await settle(calls, ["INSUFFICIENT_FUNDS", "CONFLICT"]);
      const row = await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } });
      const voids = await t.db.creditEvent.count({ where: { creditId: credit.creditId, type: "VOIDED" } });
      const spends = await t.db.creditEvent.count({ where: { creditId: credit.creditId, type: "USED" } });
      expect(voids).toBeLessThanOrEqual(1);
      expect(row.usedMinor).toBe(BigInt(spends) * 700n);
      expect(row.usedMinor + row.removedMinor).toBeLessThanOrEqual(row.amountMinor);
      expect(fulfilled.length).toBe(voids + spends);
      // Deleted: nothing left. Not deleted: everything not spent is still there.
      expect(await balanceOf(t.db, customer.id)).toBe(voids ? 0n : 10_000n - row.usedMinor);
      expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
    }
  });

  it("keeps every balance equal to its ledger after a random mix of operations on many customers", async () => {
    const seed = Date.now() % 1_000_000;
    const random = mulberry32(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const currencies = ["USD", "JPY"] as const;
    const customers = await Promise.all(Array.from({ length: 12 }, () => createCustomer(t.db)));
    const ids = customers.map((c) => c.id);
    const credits: { creditId: string; customerId: string; currency: string }[] = [];
    const spends: string[] = [];
    const amountText = (currency: string) =>
      currency === "JPY" ? String(1 + Math.floor(random() * 5000)) : (0.01 + Math.floor(random() * 9000) / 100).toFixed(2);

    // Start everybody with some credit, some of it about to expire.
    for (const customerId of ids) {
      for (const currency of currencies) {
        const credit = await issueTestCredit(admin, customerId, { amount: amountText(currency), currency, expiresAt: random() < 0.3 ? new Date(Date.now() + 86_400_000) : null });
        credits.push({ ...credit, customerId, currency });
        if (random() < 0.3) await backdateExpiry(t.db, credit.creditId);
      }
    }

    const operation = (): Promise<unknown> => {
      const customerId = pick(ids);
      const currency = pick(currencies);
      const mine = credits.filter((c) => c.customerId === customerId && c.currency === currency);
      const roll = random();
      if (roll < 0.25) {
        return issueTestCredit(admin, customerId, { amount: amountText(currency), currency }).then((credit) => credits.push({ ...credit, customerId, currency }));
      }
      if (roll < 0.55) {
        const minor = BigInt(currency === "JPY" ? 1 + Math.floor(random() * 3000) : 1 + Math.floor(random() * 6000));
        return spend(customerId, minor, currency).then((result) => spends.push(result.operationId));
      }
      if (roll < 0.62 && spends.length) {
        const spendOperationId = pick(spends);
        return reverseSpend({ db: t.db, actor: null }, { idempotencyKey: newKey(), spendOperationId, amountMinor: random() < 0.5 ? 1n : undefined });
      }
      if (roll < 0.72 && mine.length) {
        return voidCredit(admin, { idempotencyKey: newKey(), creditId: pick(mine).creditId, reasonId: DEFAULT_REASON_IDS.other, note: null });
      }
      // Edits send what they read first, as a form does; a change in between is a CONFLICT.
      if (roll < 0.84 && mine.length) {
        const { creditId } = pick(mine);
        const amount = amountText(currency);
        return t.db.storeCredit.findUniqueOrThrow({ where: { id: creditId } }).then((shown) =>
          updateCredit(
            admin,
            ZUpdateCreditInput.parse({
              idempotencyKey: newKey(),
              creditId,
              amount,
              expectedAmount: toDecimalString(shown.amountMinor, currency),
              currency,
              reasonId: DEFAULT_REASON_IDS.other,
            }),
          ),
        );
      }
      if (roll < 0.95) {
        const balance = amountText(currency);
        return balanceOf(t.db, customerId, currency).then((shown) =>
          setBalance(
            admin,
            ZSetBalanceInput.parse({ idempotencyKey: newKey(), customerId, currency, balance, expectedBalance: toDecimalString(shown, currency), reasonId: DEFAULT_REASON_IDS.other }),
          ),
        );
      }
      return expireCredits({ db: t.db });
    };

    // Waves of concurrent operations, so later waves can reverse and delete what earlier ones made.
    for (let wave = 0; wave < 8; wave++) {
      await settle(Array.from({ length: 40 }, operation), ["INSUFFICIENT_FUNDS", "CONFLICT", "BAD_INPUT"]);
    }

    const problems = await ledgerProblems(t.db, ids);
    expect(problems, `random seed ${seed}`).toEqual({ balances: [], credits: [] });
    const overused = await t.db.$queryRaw<unknown[]>`
      SELECT id FROM store_credit WHERE customer_id = ANY(${ids}::uuid[]) AND used_minor + removed_minor > amount_minor`;
    expect(overused).toEqual([]);
    expect(await t.db.creditEvent.count({ where: { customerId: { in: ids } } })).toBeGreaterThan(100);
  }, 120_000);
});

/** A small seeded PRNG, so a failing random run can be replayed from its seed. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}
