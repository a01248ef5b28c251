import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { findMoneyLimit } from "./limits.repo";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

describe("findMoneyLimit", () => {
  it("reads a role's limits in minor units, with null as an explicit no limit", async () => {
    expect(await findMoneyLimit(t.db, "SUPPORT_AGENT", "USD")).toEqual({
      currency: "USD",
      maxCreditMinor: 10000n,
      maxRefundMinor: 25000n,
      maxSetBalanceChangeMinor: 0n,
      dailyCreditMinor: 100000n,
      dailyRefundMinor: 100000n,
    });
    expect(await findMoneyLimit(t.db, "MANAGER", "USD")).toMatchObject({ maxCreditMinor: null, dailyRefundMinor: null });
  });

  it("is null when the role has no row in that currency", async () => {
    expect(await findMoneyLimit(t.db, "SUPPORT_AGENT", "JPY")).toBeNull();
  });
});
