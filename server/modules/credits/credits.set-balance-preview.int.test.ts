import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldRefusal } from "@/tests/helpers/trpc-errors";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerFor } from "@/tests/factories/staff";
import { backdateExpiry, balanceOf, customerWithCredits, executed, issueTestCredit, newKey, serviceContextAs } from "@/tests/factories/credits";
import { toDecimalString } from "@/server/lib/money";
import type { ServiceContext } from "@/server/lib/service-context";
import { DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";

let t: TestDb;
let admin: ServiceContext;
let caller: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
  caller = await callerFor(t.db, admin.actor.id);
});
afterAll(() => t.close());

/** From a page showing the current balance, unless told what it showed. */
const preview = async (customerId: string, balance: string, shown?: string) =>
  caller.credits.setBalancePreview({ customerId, currency: "USD", balance, expectedBalance: shown ?? toDecimalString(await balanceOf(t.db, customerId), "USD") });

const setTo = async (customerId: string, balance: string) =>
  executed(
    await caller.credits.setBalance({
      idempotencyKey: newKey(),
      customerId,
      currency: "USD",
      balance,
      expectedBalance: toDecimalString(await balanceOf(t.db, customerId), "USD"),
      reasonId: DEFAULT_REASON_IDS.enteredInError,
    }),
  );

describe("credits.setBalancePreview", () => {
  it("names the credits a decrease takes from, newest first, exactly as the save then does", async () => {
    const { customer, credits } = await customerWithCredits(admin, ["50.00", "20.00", "10.00"]);
    const [oldest, middle, newest] = credits.map((c) => c.creditId);

    const shown = await preview(customer.id, "50.00");
    expect(shown.summary).toBe("Lower USD balance from US$80.00 to US$50.00: takes US$30.00 from 2 credits, newest first.");
    expect(shown).toMatchObject({ shownBalanceMinor: 8000n, fromMinor: 8000n, toMinor: 5000n, expiredMinor: 0n });
    expect(shown.change).toMatchObject({
      kind: "lower",
      amountMinor: 3000n,
      credits: [
        { creditId: newest, categoryName: "Goodwill", takenMinor: 1000n, leftMinor: 0n },
        { creditId: middle, categoryName: "Goodwill", takenMinor: 2000n, leftMinor: 0n },
      ],
    });
    expect(shown.change.kind === "lower" && shown.change.credits.map((c) => c.creditId)).not.toContain(oldest);

    // The preview wrote nothing; the save touches the same credits by the same amounts.
    expect(await balanceOf(t.db, customer.id)).toBe(8000n);
    const result = await setTo(customer.id, "50.00");
    const events = await t.db.creditEvent.findMany({ where: { operationId: result.operationId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.creditId, e.amountMinor])).toEqual([
      [newest, -1000n],
      [middle, -2000n],
    ]);
  });

  it("says a raise adds one never-expiring Manual correction credit", async () => {
    const { customer } = await customerWithCredits(admin, ["48.00"]);
    const shown = await preview(customer.id, "60");
    expect(shown.summary).toBe("Raise USD balance from US$48.00 to US$60.00: adds a US$12.00 Manual correction credit that never expires.");
    expect(shown.change).toEqual({ kind: "raise", amountMinor: 1200n, categoryName: "Manual correction" });
    expect(await t.db.storeCredit.count({ where: { customerId: customer.id } })).toBe(1);
  });

  it("counts from the balance left once expired credits are closed, and says so", async () => {
    const { customer } = await customerWithCredits(admin, ["30.00"]);
    const expiring = await issueTestCredit(admin, customer.id, { amount: "10.00" });
    await backdateExpiry(t.db, expiring.creditId);
    const shown = await preview(customer.id, "20.00");
    expect(shown).toMatchObject({ shownBalanceMinor: 4000n, fromMinor: 3000n, expiredMinor: 1000n });
    expect(shown.summary).toBe("Lower USD balance from US$30.00 to US$20.00: takes US$10.00 from 1 credit. First closes US$10.00 of expired credit.");
  });

  it("refuses what the save would refuse (already that balance, a stale page), on the balance field", async () => {
    const { customer } = await customerWithCredits(admin, ["25.00"]);
    expect(await fieldRefusal(preview(customer.id, "25.00"))).toEqual({ code: "BAD_REQUEST", fieldMessage: "balance: The balance is already US$25.00" });
    expect((await fieldRefusal(preview(customer.id, "-1"))).fieldMessage).toMatch(/^balance: /);
    expect(await fieldRefusal(preview(customer.id, "10.00", "20.00"))).toEqual({
      code: "CONFLICT",
      fieldMessage: "balance: The balance changed from US$20.00 to US$25.00 since you opened this; check and save again",
    });
  });
});
