import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/server/auth/password";
import { SESSION_ABSOLUTE_SECONDS } from "@/server/auth/session-lifetime";
import { refusal } from "@/tests/helpers/trpc-errors";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerWithSession, createStaffMember, sessionFor } from "@/tests/factories/staff";
import { endStaffSessions, getActiveActor } from "./staff.service";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

describe("sessions", () => {
  it("accepts a session issued under the staff member's current version", async () => {
    const staff = await createStaffMember(t.db, "SUPPORT_AGENT");
    expect(await getActiveActor(t.db, await sessionFor(t.db, staff.id))).toMatchObject({ id: staff.id, role: "SUPPORT_AGENT" });
  });

  it("ends every earlier session on sign-out, and writes the sign-out to the audit log", async () => {
    const staff = await createStaffMember(t.db, "ADMIN");
    const session = await sessionFor(t.db, staff.id);
    const copied = { ...session };

    expect(await endStaffSessions(t.db, session)).toBe(true);

    expect(await getActiveActor(t.db, copied)).toBeNull();
    expect((await refusal((await callerWithSession(t.db, copied)).staff.me())).code).toBe("UNAUTHORIZED");
    expect(await t.db.auditLog.count({ where: { action: "auth.sign_out", actorId: staff.id } })).toBe(1);
    // A new sign-in gets the new version and works.
    expect(await getActiveActor(t.db, await sessionFor(t.db, staff.id))).toMatchObject({ id: staff.id });
  });

  it("lets an ended session not sign its owner out of newer sessions", async () => {
    const staff = await createStaffMember(t.db, "VIEWER");
    const old = await sessionFor(t.db, staff.id);
    await endStaffSessions(t.db, old);
    const current = await sessionFor(t.db, staff.id);

    expect(await endStaffSessions(t.db, old)).toBe(false);
    expect(await getActiveActor(t.db, current)).toMatchObject({ id: staff.id });
  });

  it.each([
    ["a password change", async (id: string) => ({ passwordHash: await hashPassword(`new-password-${id}`) })],
    ["a role change", () => Promise.resolve({ role: "VIEWER" as const })],
    ["deactivation and reactivation", () => Promise.resolve({ isActive: false })],
  ])("ends earlier sessions on %s", async (what, change) => {
    const staff = await createStaffMember(t.db, "ADMIN");
    const before = await sessionFor(t.db, staff.id);

    await t.db.staffUser.update({ where: { id: staff.id }, data: await change(staff.id) });
    if (what.includes("reactivation")) await t.db.staffUser.update({ where: { id: staff.id }, data: { isActive: true } });

    expect(await getActiveActor(t.db, before)).toBeNull();
    expect(await getActiveActor(t.db, await sessionFor(t.db, staff.id))).toMatchObject({ id: staff.id });
  });

  it("keeps sessions when only the name changes", async () => {
    const staff = await createStaffMember(t.db, "VIEWER");
    const session = await sessionFor(t.db, staff.id);
    await t.db.staffUser.update({ where: { id: staff.id }, data: { name: "Renamed" } });
    expect(await getActiveActor(t.db, session)).toMatchObject({ id: staff.id, name: "Renamed" });
  });

  it("ends a session 24 hours after sign-in, however active", async () => {
    const staff = await createStaffMember(t.db, "VIEWER");
    const now = Date.now();
    const signedInAt = now / 1000 - SESSION_ABSOLUTE_SECONDS;
    expect(await getActiveActor(t.db, await sessionFor(t.db, staff.id, signedInAt + 60), { nowMs: now })).toMatchObject({ id: staff.id });
    expect(await getActiveActor(t.db, await sessionFor(t.db, staff.id, signedInAt), { nowMs: now })).toBeNull();
  });
});
