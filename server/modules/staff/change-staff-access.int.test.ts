import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { createEmptyPostgres, openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createStaffMember, sessionFor } from "@/tests/factories/staff";
import { changeStaffRole, deactivateStaff, reactivateStaff } from "./change-staff-access";
import { getActiveActor, getStaffActor } from "./staff.service";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

const actorOf = async (db: TestDb["db"], id: string) => (await getStaffActor(db, id))!;

describe("staff access changes", () => {
  it("deactivation ends the member's session and is audited with before and after", async () => {
    const admin = await createStaffMember(t.db, "ADMIN");
    const member = await createStaffMember(t.db, "SUPPORT_AGENT");
    const session = await sessionFor(t.db, member.id);
    expect(await getActiveActor(t.db, session)).not.toBeNull();

    await deactivateStaff({ db: t.db, actor: await actorOf(t.db, admin.id) }, { staffId: member.id });

    expect(await getActiveActor(t.db, session)).toBeNull();
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "staff.deactivate", entityId: member.id } });
    expect(audit).toMatchObject({ actorId: admin.id, before: { role: "SUPPORT_AGENT", isActive: true }, after: { role: "SUPPORT_AGENT", isActive: false } });
  });

  it("a role change ends the member's session; reactivation lets them sign in again", async () => {
    const admin = await createStaffMember(t.db, "ADMIN");
    const member = await createStaffMember(t.db, "VIEWER");
    const session = await sessionFor(t.db, member.id);
    const ctx = { db: t.db, actor: await actorOf(t.db, admin.id) };

    await changeStaffRole(ctx, { staffId: member.id, role: "SUPPORT_AGENT" });
    expect(await getActiveActor(t.db, session)).toBeNull();
    await deactivateStaff(ctx, { staffId: member.id });
    await reactivateStaff(ctx, { staffId: member.id });

    expect(await getActiveActor(t.db, await sessionFor(t.db, member.id))).toMatchObject({ role: "SUPPORT_AGENT" });
    expect(await t.db.auditLog.count({ where: { entityId: member.id, action: { in: ["staff.change_role", "staff.deactivate", "staff.reactivate"] } } })).toBe(3);
  });

  it("refuses an unknown role", async () => {
    const admin = await createStaffMember(t.db, "ADMIN");
    const member = await createStaffMember(t.db, "VIEWER");
    await expect(changeStaffRole({ db: t.db, actor: await actorOf(t.db, admin.id) }, { staffId: member.id, role: "NO_SUCH_ROLE" })).rejects.toThrow(
      /Choose one of the roles/,
    );
  });
});

describe("the last active admin", () => {
  let own: TestDb | null = null;
  let destroy: (() => Promise<void>) | null = null;

  // Its own database, so "last" means exactly the admins this test makes.
  // "Last admin" needs a database with no other admins, so these run on a fresh PostgreSQL
  // database of their own; on a PGlite run there is none to make, and they are skipped on purpose.
  beforeAll(async () => {
    const empty = await createEmptyPostgres();
    if (!empty) return;
    await applyMigrations(empty.target);
    const { db, close } = await createDb(empty.target);
    own = { db, target: empty.target, close };
    destroy = empty.destroy;
  });
  afterAll(async () => {
    await own?.close();
    await destroy?.();
  });

  it("cannot demote or deactivate themselves", async (test) => {
    if (!own) return test.skip();
    const admin = await createStaffMember(own.db, "ADMIN");
    const ctx = { db: own.db, actor: await actorOf(own.db, admin.id) };

    await expect(changeStaffRole(ctx, { staffId: admin.id, role: "VIEWER" })).rejects.toThrow(/last active admin/);
    await expect(deactivateStaff(ctx, { staffId: admin.id })).rejects.toThrow(/last active admin/);
    expect(await own.db.staffUser.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: "ADMIN", isActive: true });
    expect(await own.db.auditLog.count({ where: { entityId: admin.id } })).toBe(0);
  });

  it("two admins demoting each other at the same instant leave exactly one admin", async (test) => {
    if (!own) return test.skip();
    const db = own.db;
    await db.staffUser.updateMany({ where: { role: "ADMIN" }, data: { isActive: false } });
    const a = await createStaffMember(db, "ADMIN");
    const b = await createStaffMember(db, "ADMIN");
    const [ctxA, ctxB] = [{ db, actor: await actorOf(db, a.id) }, { db, actor: await actorOf(db, b.id) }];

    const results = await Promise.allSettled([
      changeStaffRole(ctxA, { staffId: b.id, role: "VIEWER" }),
      changeStaffRole(ctxB, { staffId: a.id, role: "VIEWER" }),
    ]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([
      expect.stringMatching(/last active admin/),
    ]);
    expect(await db.staffUser.count({ where: { role: "ADMIN", isActive: true } })).toBe(1);
  });
});
