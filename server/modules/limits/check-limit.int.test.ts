// The limit check as the money actions run it: inside their transaction, one actor at a time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { serviceContextAs } from "@/tests/factories/credits";
import { moneyTransaction } from "@/server/lib/money-transaction";
import type { ServiceContext } from "@/server/lib/service-context";
import { checkLimit, type LimitedAction } from "./check-limit";

let t: TestDb;

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

const check = (ctx: ServiceContext, action: LimitedAction) => moneyTransaction(ctx.db, (tx) => checkLimit(tx, ctx.actor, action));
const usageRows = async (staffId: string) =>
  (await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM limit_usage WHERE staff_id = ${staffId}::uuid`)[0]?.n;

describe("checkLimit", () => {
  it("lets exactly 10 of 11 concurrent US$100.00 credits through a support agent's US$1,000.00 daily limit", async () => {
    const support = await serviceContextAs(t.db, "SUPPORT_AGENT");
    const decisions = await Promise.all(Array.from({ length: 11 }, () => check(support, { kind: "credit", currency: "USD", amountMinor: 10_000n })));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    expect(decisions.filter((d) => !d.allowed)).toEqual([
      { allowed: false, limitReason: "above your US$1,000.00 credit limit per 24 hours (US$1,000.00 used)" },
    ]);
    expect(await usageRows(support.actor.id)).toBe(10n);
  });

  it("sends a credit above the single-credit limit for approval and records nothing", async () => {
    const support = await serviceContextAs(t.db, "SUPPORT_AGENT");
    expect(await check(support, { kind: "credit", currency: "USD", amountMinor: 10_001n })).toEqual({
      allowed: false,
      limitReason: "above your US$100.00 single-credit limit",
    });
    expect(await usageRows(support.actor.id)).toBe(0n);
  });

  it("sends a refund above US$250.00 for approval", async () => {
    const support = await serviceContextAs(t.db, "SUPPORT_AGENT");
    expect(await check(support, { kind: "refund", currency: "USD", amountMinor: 25_001n })).toEqual({
      allowed: false,
      limitReason: "above your US$250.00 single-refund limit",
    });
    expect(await check(support, { kind: "refund", currency: "USD", amountMinor: 25_000n })).toEqual({ allowed: true });
  });

  it("sends every amount in a currency without a limit row for approval", async () => {
    const support = await serviceContextAs(t.db, "SUPPORT_AGENT");
    expect(await check(support, { kind: "credit", currency: "EUR", amountMinor: 1n })).toEqual({
      allowed: false,
      limitReason: "your role has no EUR limits set",
    });
  });

  it("allows any amount where the limit is an explicit null", async () => {
    const manager = await serviceContextAs(t.db, "MANAGER");
    expect(await check(manager, { kind: "credit", currency: "EUR", amountMinor: 10_000_000_00n })).toEqual({ allowed: true });
  });

  it("counts a set-balance increase towards the daily credit total, a decrease not at all", async () => {
    const manager = await serviceContextAs(t.db, "MANAGER");
    await check(manager, { kind: "set_balance", currency: "USD", amountMinor: 500n, creditMinor: 500n });
    await check(manager, { kind: "set_balance", currency: "USD", amountMinor: 700n, creditMinor: 0n });
    const rows = await t.db.$queryRaw<{ kind: string; amountMinor: bigint }[]>`
      SELECT kind, amount_minor AS "amountMinor" FROM limit_usage WHERE staff_id = ${manager.actor.id}::uuid`;
    expect(rows).toEqual([{ kind: "credit", amountMinor: 500n }]);
  });

  it("never limits the built-in admin and records no usage for them", async () => {
    const admin = await serviceContextAs(t.db, "ADMIN");
    expect(await check(admin, { kind: "credit", currency: "EUR", amountMinor: 10_000_000_00n })).toEqual({ allowed: true });
    expect(await usageRows(admin.actor.id)).toBe(0n);
  });
});
