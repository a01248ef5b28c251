import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { fieldRefusal, refusal } from "@/tests/helpers/trpc-errors";
import { callerAs, callerFor, createStaffMember } from "@/tests/factories/staff";
import { createCustomer, uniqueWord } from "@/tests/factories/customers";
import { newKey } from "@/tests/factories/credits";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";
import { approvalReasonFor } from "./limit-rules";

let t: TestDb;
let admin: Awaited<ReturnType<typeof callerAs>>["caller"];

beforeAll(async () => {
  t = await openTestDb();
  ({ caller: admin } = await callerAs(t.db, "ADMIN"));
});
afterAll(() => t.close());

const CREDITS = ["customers:read", "credits:read", "credits:issue"];
const newRole = () => admin.roles.create({ name: `Limited ${uniqueWord()}`, description: "", permissions: CREDITS });
const noLimits = { maxCredit: null, maxRefund: null, maxSetBalanceChange: null, dailyCredit: null, dailyRefund: null };
const auditOf = (roleKey: string, currency: string) =>
  t.db.$queryRaw<{ action: string; before: unknown; after: unknown }[]>`
    SELECT action, before, after FROM audit_log WHERE entity_type = 'money_limit' AND entity_id = ${`${roleKey}:${currency}`}
    ORDER BY created_at, id`;

describe("limits.set and limits.clear", () => {
  it("sets a role's limits from amount text, null as no limit, and audits before and after", async () => {
    const role = await newRole();
    const set = await admin.limits.set({ roleKey: role.key, currency: "EUR", ...noLimits, maxCredit: "1,250.50", dailyCredit: "0" });
    expect(set.limit).toEqual({
      currency: "EUR",
      maxCreditMinor: 125_050n,
      maxRefundMinor: null,
      maxSetBalanceChangeMinor: null,
      dailyCreditMinor: 0n,
      dailyRefundMinor: null,
    });
    await admin.limits.set({ roleKey: role.key, currency: "EUR", ...noLimits, maxCredit: "20" });
    const row = (await admin.limits.list()).find((r) => r.roleKey === role.key && r.currency === "EUR");
    expect(row).toMatchObject({ roleName: role.name, isBuiltIn: false, isCurrencyEnabled: true, limit: { maxCreditMinor: 2_000n, dailyCreditMinor: null } });
    const nulls = { maxRefundMinor: null, maxSetBalanceChangeMinor: null, dailyRefundMinor: null };
    expect(await auditOf(role.key, "EUR")).toEqual([
      { action: "limit.set", before: null, after: { maxCreditMinor: "125050", dailyCreditMinor: "0", ...nulls } },
      {
        action: "limit.set",
        before: { maxCreditMinor: "125050", dailyCreditMinor: "0", ...nulls },
        after: { maxCreditMinor: "2000", dailyCreditMinor: null, ...nulls },
      },
    ]);
  });

  it("lists every role but Admin in every enabled currency, without a limit where there is no row", async () => {
    const role = await newRole();
    const rows = (await admin.limits.list()).filter((r) => r.roleKey === role.key);
    expect(rows.map((r) => [r.currency, r.limit])).toEqual([
      ["USD", null],
      ["EUR", null],
      ["GBP", null],
      ["JPY", null],
    ]);
    const list = await admin.limits.list();
    expect(list.some((r) => r.roleKey === "ADMIN")).toBe(false);
    expect(list.find((r) => r.roleKey === "SUPPORT_AGENT" && r.currency === "USD")?.limit).toMatchObject({ maxCreditMinor: 10_000n });
  });

  it("refuses amounts the money parser refuses, on the field that holds them", async () => {
    const role = await newRole();
    expect(await fieldRefusal(admin.limits.set({ roleKey: role.key, currency: "USD", ...noLimits, maxRefund: "1.234" }))).toEqual({
      code: "BAD_REQUEST",
      fieldMessage: "maxRefund: Use at most 2 decimals for USD",
    });
    expect(await fieldRefusal(admin.limits.set({ roleKey: role.key, currency: "JPY", ...noLimits, dailyRefund: "1.5" }))).toEqual({
      code: "BAD_REQUEST",
      fieldMessage: "dailyRefund: JPY has no decimals; enter a whole amount",
    });
    expect(await fieldRefusal(admin.limits.set({ roleKey: role.key, currency: "USD", ...noLimits, dailyCredit: "-5" }))).toEqual({
      code: "BAD_REQUEST",
      fieldMessage: "dailyCredit: Enter an amount of zero or more",
    });
    expect(await auditOf(role.key, "USD")).toEqual([]);
  });

  it("refuses the built-in Admin role, which is never limited", async () => {
    expect(await fieldRefusal(admin.limits.set({ roleKey: "ADMIN", currency: "USD", ...noLimits, maxCredit: "10" }))).toEqual({
      code: "FORBIDDEN",
      fieldMessage: "roleKey: The built-in Admin role is never limited; its limits cannot be set or removed",
    });
    expect(await refusal(admin.limits.clear({ roleKey: "ADMIN", currency: "USD" }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses a currency the store has not enabled, and an unknown role", async () => {
    const role = await newRole();
    expect(await fieldRefusal(admin.limits.set({ roleKey: role.key, currency: "CHF", ...noLimits }))).toEqual({
      code: "BAD_REQUEST",
      fieldMessage: "currency: CHF is not an enabled store currency; enable it under Currencies first",
    });
    expect(await fieldRefusal(admin.limits.set({ roleKey: "NO_SUCH_ROLE", currency: "USD", ...noLimits }))).toEqual({
      code: "NOT_FOUND",
      fieldMessage: "roleKey: No role with this key",
    });
  });

  it("clears a row, after which every amount in that currency needs approval, and audits what it was", async () => {
    const role = await newRole();
    await admin.limits.set({ roleKey: role.key, currency: "GBP", ...noLimits });
    await admin.limits.clear({ roleKey: role.key, currency: "GBP" });
    expect((await admin.limits.list()).find((r) => r.roleKey === role.key && r.currency === "GBP")?.limit).toBeNull();
    expect((await auditOf(role.key, "GBP")).map((a) => [a.action, a.after])).toEqual([
      ["limit.set", expect.anything()],
      ["limit.clear", null],
    ]);
    expect(await refusal(admin.limits.clear({ roleKey: role.key, currency: "GBP" }))).toEqual({
      code: "NOT_FOUND",
      message: `${role.name} has no GBP limits to remove`,
    });

    const member = await callerFor(t.db, (await createStaffMember(t.db, role.key)).id);
    const customer = await createCustomer(t.db);
    const result = await member.credits.issue({
      idempotencyKey: newKey(),
      customerId: customer.id,
      amount: "0.01",
      currency: "GBP",
      categoryId: DEFAULT_CATEGORY_IDS.goodwill,
    });
    expect(result).toMatchObject({ approvalRequest: { status: "PENDING", limitReason: "your role has no GBP limits set" } });
  });

  it("applies a new limit to the role's next credit", async () => {
    const role = await newRole();
    await admin.limits.set({ roleKey: role.key, currency: "USD", ...noLimits, maxCredit: "5.00" });
    const member = await callerFor(t.db, (await createStaffMember(t.db, role.key)).id);
    const customer = await createCustomer(t.db);
    const issue = (amount: string) =>
      member.credits.issue({ idempotencyKey: newKey(), customerId: customer.id, amount, currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill });
    expect(await issue("5.00")).not.toHaveProperty("approvalRequest");
    expect(await issue("5.01")).toMatchObject({ approvalRequest: { limitReason: "above your US$5.00 single-credit limit" } });
  });
});

describe("limits.mine", () => {
  it("gives a member their role's limits with what they used in the last 24 hours, for the dialogs' approval rule", async () => {
    const role = await newRole();
    await admin.limits.set({ roleKey: role.key, currency: "USD", ...noLimits, maxCredit: "100", dailyCredit: "150" });
    const staff = await createStaffMember(t.db, role.key);
    const member = await callerFor(t.db, staff.id);
    const customer = await createCustomer(t.db);
    await member.credits.issue({ idempotencyKey: newKey(), customerId: customer.id, amount: "60", currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill });

    const mine = await member.limits.mine();
    expect(mine).toMatchObject({ roleName: role.name, isUnlimited: false });
    expect(Object.keys(mine.byCurrency)).toEqual(["USD"]);
    expect(mine.byCurrency.USD).toMatchObject({ usedCreditMinor: 6_000n, usedRefundMinor: 0n, limit: { maxCreditMinor: 10_000n } });
    expect(approvalReasonFor(mine, { kind: "credit", currency: "USD", amountMinor: 9_000n })).toBeNull();
    expect(approvalReasonFor(mine, { kind: "credit", currency: "USD", amountMinor: 9_001n })).toBe(
      "above your US$150.00 credit limit per 24 hours (US$60.00 used)",
    );
  });

  it("says the built-in Admin is never limited", async () => {
    expect(await admin.limits.mine()).toEqual({ roleName: "Admin", isUnlimited: true, byCurrency: {} });
  });
});
