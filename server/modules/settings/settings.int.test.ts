import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openScratchPglite, openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { fieldRefusal, refusal } from "@/tests/helpers/trpc-errors";
import { callerAs, callerFor } from "@/tests/factories/staff";
import { createCustomer, uniqueWord } from "@/tests/factories/customers";
import { issueTestCredit, newKey, serviceContextAs } from "@/tests/factories/credits";
import { createStaffMember } from "@/tests/factories/staff";
import { DEFAULT_INFRASTRUCTURE_IDS } from "./settings-defaults";

let t: TestDb;
let admin: Awaited<ReturnType<typeof callerAs>>["caller"];

beforeAll(async () => {
  t = await openTestDb();
  ({ caller: admin } = await callerAs(t.db, "ADMIN"));
});
afterAll(() => t.close());

describe("settings defaults", () => {
  it("offers the seeded currencies, categories, reasons and payment infrastructures with their methods", async () => {
    const options = await admin.settings.options();
    expect(options.currencies.slice(0, 4)).toEqual([
      { code: "USD", exponent: 2, name: "US Dollar" },
      { code: "EUR", exponent: 2, name: "Euro" },
      { code: "GBP", exponent: 2, name: "British Pound" },
      { code: "JPY", exponent: 0, name: "Japanese Yen" },
    ]);
    expect(options.categories.map((c) => c.name)).toEqual(
      expect.arrayContaining(["Goodwill", "Refund", "Loyalty reward", "Manual correction", "Promotion"]),
    );
    expect(options.reasons.length).toBeGreaterThanOrEqual(5);
    const bank = options.infrastructures.find((i) => i.id === DEFAULT_INFRASTRUCTURE_IDS.bankTransfer);
    expect(bank?.methods.map((m) => m.name)).toEqual(["Wire transfer", "SEPA transfer", "ACH"]);
    expect(options.infrastructures.map((i) => i.name)).toEqual(expect.arrayContaining(["Manual", "Bank transfer", "Payment gateway", "Cash"]));
  });
});

describe("managing settings", () => {
  it("creates, renames and deactivates a category; inactive ones leave the forms but stay on credits", async () => {
    const name = `Birthday ${uniqueWord()}`;
    const created = await admin.settings.categories.create({ name: `  ${name}  ` });
    expect(created.name).toBe(name);
    expect((await admin.settings.options()).categories.map((c) => c.id)).toContain(created.id);

    const ctx = await serviceContextAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(ctx, customer.id, { categoryId: created.id });

    await admin.settings.categories.rename({ id: created.id, name: `${name} gift` });
    await admin.settings.categories.setActive({ id: created.id, isActive: false });
    expect((await admin.settings.options()).categories.map((c) => c.id)).not.toContain(created.id);
    expect((await admin.settings.list()).categories.find((c) => c.id === created.id)).toMatchObject({ name: `${name} gift`, isActive: false });
    expect((await admin.credits.get({ creditId: credit.creditId })).credit.category.name).toBe(`${name} gift`);
    await expect(issueTestCredit(ctx, customer.id, { categoryId: created.id })).rejects.toThrow("Choose an active category");

    const actions = await t.db.auditLog.findMany({ where: { entityId: created.id } });
    expect(actions.map((a) => a.action).sort()).toEqual(["settings.category.create", "settings.category.deactivate", "settings.category.rename"]);
  });

  it("refuses a duplicate name, whatever its case, and an empty one", async () => {
    const name = `Reason ${uniqueWord()}`;
    await admin.settings.reasons.create({ name });
    expect(await refusal(admin.settings.reasons.create({ name: name.toUpperCase() }))).toEqual({
      code: "CONFLICT",
      message: "A reason with this name already exists",
    });
    expect(await fieldRefusal(admin.settings.reasons.create({ name: "   " }))).toMatchObject({ fieldMessage: "name: Enter a name" });
    expect(await refusal(admin.settings.categories.rename({ id: newKey(), name: "x" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("adds payment methods to an infrastructure and hides inactive ones", async () => {
    const infrastructure = await admin.settings.infrastructures.create({ name: `Crypto ${uniqueWord()}` });
    const method = await admin.settings.methods.create({ infrastructureId: infrastructure.id, name: "Bitcoin" });
    await admin.settings.methods.create({ infrastructureId: infrastructure.id, name: "Lightning" });
    expect(await refusal(admin.settings.methods.create({ infrastructureId: infrastructure.id, name: "bitcoin" }))).toMatchObject({ code: "CONFLICT" });
    await admin.settings.methods.setActive({ id: method.id, isActive: false });
    const offered = (await admin.settings.options()).infrastructures.find((i) => i.id === infrastructure.id);
    expect(offered?.methods.map((m) => m.name)).toEqual(["Lightning"]);
    await admin.settings.infrastructures.setActive({ id: infrastructure.id, isActive: false });
    expect((await admin.settings.options()).infrastructures.map((i) => i.id)).not.toContain(infrastructure.id);
  });

  it("adds and disables a currency; a disabled currency takes no new credit", async () => {
    expect(await admin.settings.currencies.add({ code: "sek" })).toMatchObject({ code: "SEK", exponent: 2, isEnabled: true });
    expect(await refusal(admin.settings.currencies.add({ code: "SEK" }))).toMatchObject({ code: "CONFLICT" });
    expect(await fieldRefusal(admin.settings.currencies.add({ code: "XYZ" }))).toMatchObject({ fieldMessage: "code: Enter an ISO 4217 currency code, like CAD" });

    const ctx = await serviceContextAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db);
    await issueTestCredit(ctx, customer.id, { currency: "SEK", amount: "100" });
    await admin.settings.currencies.setEnabled({ code: "SEK", isEnabled: false });
    expect((await admin.settings.options()).currencies.map((c) => c.code)).not.toContain("SEK");
    await expect(issueTestCredit(ctx, customer.id, { currency: "SEK" })).rejects.toThrow("SEK is turned off in Settings");
  });
});

describe("the last enabled currency", () => {
  // A scratch PGlite database starts a WebAssembly PostgreSQL: slow on a busy 2-core box.
  it("cannot be disabled", { timeout: 120_000 }, async () => {
    // A database of its own: this test switches off every currency but one.
    const scratch = await openScratchPglite();
    try {
      const staff = await createStaffMember(scratch.db, "ADMIN");
      const caller = await callerFor(scratch.db, staff.id);
      for (const code of ["EUR", "GBP", "JPY"]) await caller.settings.currencies.setEnabled({ code, isEnabled: false });
      expect(await refusal(caller.settings.currencies.setEnabled({ code: "USD", isEnabled: false }))).toEqual({
        code: "CONFLICT",
        message: "The store needs at least one enabled currency",
      });
    } finally {
      await scratch.close();
    }
  });
});

describe("currency lists", () => {
  // A database of its own: this test adds currencies every other file would then see in its lists.
  it("put the store's main currency first and the rest by code, whatever order they were added in", { timeout: 120_000 }, async () => {
    const scratch = await openScratchPglite();
    try {
      const staff = await createStaffMember(scratch.db, "ADMIN");
      const caller = await callerFor(scratch.db, staff.id);
      // Added after EUR, GBP and JPY, so last by position: the one order still lists them by code.
      await caller.settings.currencies.add({ code: "CHF" });
      await caller.settings.currencies.add({ code: "AUD" });
      const inOrder = ["USD", "AUD", "CHF", "EUR", "GBP", "JPY"];
      expect((await caller.settings.options()).currencies.map((c) => c.code)).toEqual(inOrder);
      expect((await caller.settings.list()).currencies.map((c) => c.code)).toEqual(inOrder);
      const supportRows = (await caller.limits.list()).filter((row) => row.roleKey === "SUPPORT_AGENT");
      expect(supportRows.map((row) => row.currency)).toEqual(inOrder);

      // A disabled main currency leaves the forms; the rest keep their order.
      await caller.settings.currencies.setEnabled({ code: "USD", isEnabled: false });
      expect((await caller.settings.options()).currencies.map((c) => c.code)).toEqual(inOrder.slice(1));
    } finally {
      await scratch.close();
    }
  });
});
