import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { fieldRefusal, refusal } from "@/tests/helpers/trpc-errors";
import { callerAs, callerFor, createStaffMember } from "@/tests/factories/staff";
import { uniqueWord } from "@/tests/factories/customers";

let t: TestDb;
let admin: Awaited<ReturnType<typeof callerAs>>["caller"];

beforeAll(async () => {
  t = await openTestDb();
  ({ caller: admin } = await callerAs(t.db, "ADMIN"));
});
afterAll(() => t.close());

const READ = ["customers:read", "credits:read", "payments:read", "refunds:read"];
const newRole = (permissions = READ) => admin.roles.create({ name: `Refunds only ${uniqueWord()}`, description: "Reads and refunds", permissions });

describe("custom roles", () => {
  it("creates a role with a new key, lists it with its member count, and audits it", async () => {
    const role = await newRole([...READ, "refunds:create"]);
    expect(role.key).toMatch(/^[0-9a-f-]{36}$/);
    await createStaffMember(t.db, role.key);
    const listed = (await admin.roles.list()).find((r) => r.key === role.key);
    expect(listed).toMatchObject({ name: role.name, isBuiltIn: false, memberCount: 1 });
    expect(listed?.permissions).toEqual([...READ, "refunds:create"].sort());
    const audit = await t.db.$queryRaw<{ action: string; after: unknown }[]>`
      SELECT action, after FROM audit_log WHERE entity_type = 'role' AND entity_id = ${role.key}`;
    expect(audit).toEqual([{ action: "role.create", after: { name: role.name, description: "Reads and refunds", permissions: listed?.permissions } }]);
  });

  it("offers every permission with its description", async () => {
    const options = await admin.roles.permissionOptions();
    expect(options).toContainEqual({ key: "refunds:create", description: "Refund a payment" });
    expect(options).toContainEqual({ key: "reports:read", description: "Read reports and the dashboard's figures across all customers" });
    expect(options).toHaveLength(19);
  });

  it("refuses an unknown permission on the permissions field", async () => {
    expect(await fieldRefusal(newRole(["customers:read", "everything:do"]))).toEqual({
      code: "BAD_REQUEST",
      fieldMessage: "permissions: Choose permissions from the list",
    });
  });

  it("refuses a name another role has, ignoring case", async () => {
    expect(await fieldRefusal(admin.roles.create({ name: "support AGENT", description: "", permissions: READ }))).toEqual({
      code: "CONFLICT",
      fieldMessage: "name: A role with this name already exists",
    });
  });

  it("keeps built-in roles locked", async () => {
    expect(await refusal(admin.roles.update({ key: "VIEWER", name: "Viewer", description: "", permissions: READ }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(admin.roles.delete({ key: "VIEWER" }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses to delete a role staff members still have, deactivated ones included", async () => {
    const role = await newRole();
    await createStaffMember(t.db, role.key);
    const second = await createStaffMember(t.db, role.key);
    await t.db.staffUser.update({ where: { id: second.id }, data: { isActive: false } });
    expect(await refusal(admin.roles.delete({ key: role.key }))).toEqual({
      code: "CONFLICT",
      message: "2 staff members have this role; give them another role first",
    });
  });

  it("deletes an unused custom role and audits what it was", async () => {
    const role = await newRole();
    await admin.roles.delete({ key: role.key });
    expect((await admin.roles.list()).some((r) => r.key === role.key)).toBe(false);
    const [audit] = await t.db.$queryRaw<{ before: { name: string } }[]>`
      SELECT before FROM audit_log WHERE action = 'role.delete' AND entity_id = ${role.key}`;
    expect(audit?.before.name).toBe(role.name);
  });

  it("applies a permission change on the member's next request", async () => {
    const role = await newRole();
    const member = await createStaffMember(t.db, role.key);
    expect(await refusal((await callerFor(t.db, member.id)).roles.list())).toMatchObject({ code: "FORBIDDEN" });
    await admin.roles.update({ key: role.key, name: role.name, description: "", permissions: [...READ, "roles:manage"] });
    expect((await (await callerFor(t.db, member.id)).roles.list()).length).toBeGreaterThan(4);
  });
});
