import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, uniqueEmail, type TestDb } from "@/tests/helpers/test-db";
import { createStaff } from "./staff.service";
import { signInStaff } from "./sign-in";

const attempt = (email: string, password: string) =>
  signInStaff(t.db, { email, password, ip: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: "vitest" });

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

describe("staff sign-in", () => {
  it("accepts the right password, case-insensitive email, and refuses a wrong one", async () => {
    const email = uniqueEmail("signin");
    const staff = await createStaff(t.db, { email, name: "Sign In", role: "VIEWER", password: "right-password-123" });
    expect(await attempt(email.toUpperCase(), "right-password-123")).toEqual({ ok: true, staffId: staff.id, sessionVersion: 0 });
    expect(await attempt(email, "wrong-password-123")).toEqual({ ok: false, retryAfterSeconds: null });
    expect(await attempt(uniqueEmail("nobody"), "right-password-123")).toEqual({ ok: false, retryAfterSeconds: null });
  });

  it("refuses a deactivated staff member even with the right password", async () => {
    const email = uniqueEmail("inactive");
    const staff = await createStaff(t.db, { email, name: "Inactive", role: "ADMIN", password: "right-password-123" });
    await t.db.staffUser.update({ where: { id: staff.id }, data: { isActive: false } });
    expect(await attempt(email, "right-password-123")).toEqual({ ok: false, retryAfterSeconds: null });
  });

  it("refuses a second staff member with the same email", async () => {
    const email = uniqueEmail("dup");
    await createStaff(t.db, { email, name: "One", role: "VIEWER", password: "right-password-123" });
    await expect(createStaff(t.db, { email, name: "Two", role: "VIEWER", password: "right-password-123" })).rejects.toThrow(
      /already exists/,
    );
  });
});
