import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openScratchPglite, openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { fieldRefusal } from "@/tests/helpers/trpc-errors";
import { executed, newKey } from "@/tests/factories/credits";
import { createCustomer } from "@/tests/factories/customers";
import { callerAs, callerFor, createStaffMember } from "@/tests/factories/staff";
import { DEFAULT_CATEGORY_IDS, DEFAULT_INFRASTRUCTURE_IDS, DEFAULT_METHOD_IDS } from "./settings-defaults";

// The shared run database stays en-GB (other files read message texts); tests that change the
// style do it in a database of their own.
let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

describe("the store's date style", () => {
  it("is en-GB until an admin changes it, for every staff member", async () => {
    const { caller: viewer } = await callerAs(t.db, "VIEWER");
    expect(await viewer.settings.store()).toEqual({ dateStyle: "en-GB" });
  });

  it("refuses a style it does not know, on the field", async () => {
    const { caller: admin } = await callerAs(t.db, "ADMIN");
    expect(await fieldRefusal(admin.settings.setDateStyle({ dateStyle: "de-DE" as "ISO" }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldMessage: "dateStyle: Choose one of the date styles",
    });
    expect(await admin.settings.store()).toEqual({ dateStyle: "en-GB" });
  });

  it("audits a save with the style before and after", async () => {
    const { caller: admin, staff } = await callerAs(t.db, "ADMIN");
    expect(await admin.settings.setDateStyle({ dateStyle: "en-GB" })).toEqual({ dateStyle: "en-GB" });
    const [row] = await t.db.auditLog.findMany({ where: { actorId: staff.id, action: "settings.date_style.change" } });
    expect(row).toMatchObject({ area: "settings", entityType: "store_setting", entityId: "date_style", before: { dateStyle: "en-GB" }, after: { dateStyle: "en-GB" } });
  });
});

const EXPIRES_AT = new Date(Date.UTC(2099, 0, 5, 23, 59));

/** Adds a credit and sends one, each telling the customer; returns the two message texts. */
async function notifiedTexts(db: TestDb["db"], admin: Awaited<ReturnType<typeof callerFor>>, customerId: string) {
  const issued = executed(
    await admin.credits.issue({ idempotencyKey: newKey(), customerId, amount: "25.00", currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill, expiresAt: EXPIRES_AT, notifyCustomer: true }),
  );
  const sent = executed(
    await admin.credits.send({
      idempotencyKey: newKey(), customerId, amount: "5.00", currency: "USD", infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.manual,
      methodId: DEFAULT_METHOD_IDS.adminEntry, earningAmount: "0", isRevenue: true, memo: null, expiresAt: EXPIRES_AT, notifyCustomer: true,
    }),
  );
  const bodyOf = async (id: string | null) => (await db.notification.findUniqueOrThrow({ where: { id: id! } })).body;
  return [await bodyOf(issued.notificationId), await bodyOf(sent.notificationId)];
}

describe("customer messages", () => {
  it("write their dates en-GB in a store that never changed the style", async () => {
    const { caller: admin } = await callerAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db);
    expect(await notifiedTexts(t.db, admin, customer.id)).toEqual([
      "You have received US$25.00 in store credit. It expires on 5 Jan 2099.",
      "You have received US$5.00 in store credit. It expires on 5 Jan 2099.",
    ]);
  });

  // A scratch PGlite database starts a WebAssembly PostgreSQL: slow on a busy 2-core box.
  it("use the new style once an admin changes it", { timeout: 120_000 }, async () => {
    const scratch = await openScratchPglite();
    try {
      const staff = await createStaffMember(scratch.db, "ADMIN");
      const admin = await callerFor(scratch.db, staff.id);
      const customer = await createCustomer(scratch.db);
      const texts = () => notifiedTexts(scratch.db, admin, customer.id);

      await admin.settings.setDateStyle({ dateStyle: "en-US" });
      expect(await admin.settings.store()).toEqual({ dateStyle: "en-US" });
      expect(await texts()).toEqual([
        "You have received US$25.00 in store credit. It expires on Jan 5, 2099.",
        "You have received US$5.00 in store credit. It expires on Jan 5, 2099.",
      ]);

      await admin.settings.setDateStyle({ dateStyle: "ISO" });
      expect((await texts())[0]).toBe("You have received US$25.00 in store credit. It expires on 2099-01-05.");

      const audit = await scratch.db.auditLog.findMany({ where: { action: "settings.date_style.change" }, orderBy: { createdAt: "asc" } });
      expect(audit.map((a) => [a.before, a.after])).toEqual([
        [{ dateStyle: "en-GB" }, { dateStyle: "en-US" }],
        [{ dateStyle: "en-US" }, { dateStyle: "ISO" }],
      ]);
    } finally {
      await scratch.close();
    }
  });
});
