import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusal } from "@/tests/helpers/trpc-errors";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerAs, callerFor, createStaffMember } from "@/tests/factories/staff";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

describe("tRPC authentication and permissions", () => {
  it("refuses an unauthenticated call with UNAUTHORIZED", async () => {
    const anonymous = await callerFor(t.db, null);
    expect((await refusal(anonymous.customers.search({}))).code).toBe("UNAUTHORIZED");
  });

  it("refuses a session whose staff id does not exist", async () => {
    const ghost = await callerFor(t.db, "00000000-0000-7000-8000-000000000000");
    expect((await refusal(ghost.staff.me())).code).toBe("UNAUTHORIZED");
  });

  it("refuses a VIEWER calling a staff:manage procedure with FORBIDDEN and a readable message", async () => {
    const { caller } = await callerAs(t.db, "VIEWER");
    expect(await refusal(caller.staff.list())).toEqual({ code: "FORBIDDEN", message: 'Your role may not do this (needs "Add, change and deactivate staff members").' });
  });

  it("lets an ADMIN call a staff:manage procedure", async () => {
    const { staff, caller } = await callerAs(t.db, "ADMIN");
    const list = await caller.staff.list();
    expect(list.map((s) => s.id)).toContain(staff.id);
  });

  it("refuses a deactivated staff member's existing session on the next call", async () => {
    const staff = await createStaffMember(t.db, "SUPPORT_AGENT");
    const before = await callerFor(t.db, staff.id);
    expect((await before.staff.me()).id).toBe(staff.id);

    await t.db.staffUser.update({ where: { id: staff.id }, data: { isActive: false } });

    const after = await callerFor(t.db, staff.id);
    expect((await refusal(after.staff.me())).code).toBe("UNAUTHORIZED");
  });

  it("applies a role change on the next call", async () => {
    const staff = await createStaffMember(t.db, "ADMIN");
    expect(await (await callerFor(t.db, staff.id)).staff.list()).toBeDefined();
    await t.db.staffUser.update({ where: { id: staff.id }, data: { role: "VIEWER" } });
    expect((await refusal((await callerFor(t.db, staff.id)).staff.list())).code).toBe("FORBIDDEN");
  });
});
