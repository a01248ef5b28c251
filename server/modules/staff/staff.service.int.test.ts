import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, uniqueEmail, type TestDb } from "@/tests/helpers/test-db";
import { authenticateStaff, createStaff } from "./staff.service";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

describe("staff sign-in", () => {
  it("accepts the right password, case-insensitive email, and refuses a wrong one", async () => {
    const email = uniqueEmail("signin");
    const staff = await createStaff(t.db, { email, name: "Sign In", role: "VIEWER", password: "right-password-123" });
    expect(await authenticateStaff(t.db, email.toUpperCase(), "right-password-123")).toBe(staff.id);
    expect(await authenticateStaff(t.db, email, "wrong-password-123")).toBeNull();
    expect(await authenticateStaff(t.db, uniqueEmail("nobody"), "right-password-123")).toBeNull();
  });

  it("refuses a deactivated staff member even with the right password", async () => {
    const email = uniqueEmail("inactive");
    const staff = await createStaff(t.db, { email, name: "Inactive", role: "ADMIN", password: "right-password-123" });
    await t.db.staffUser.update({ where: { id: staff.id }, data: { isActive: false } });
    expect(await authenticateStaff(t.db, email, "right-password-123")).toBeNull();
  });

  it("refuses a second staff member with the same email", async () => {
    const email = uniqueEmail("dup");
    await createStaff(t.db, { email, name: "One", role: "VIEWER", password: "right-password-123" });
    await expect(createStaff(t.db, { email, name: "Two", role: "VIEWER", password: "right-password-123" })).rejects.toThrow(
      /already exists/,
    );
  });
});
