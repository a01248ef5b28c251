import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { fieldRefusal, refusal } from "@/tests/helpers/trpc-errors";
import { callerAs, callerFor } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { issueTestCredit, serviceContextAs } from "@/tests/factories/credits";
import { writeAudit } from "./audit.repo";

let t: TestDb;
let viewer: Awaited<ReturnType<typeof callerAs>>["caller"];

beforeAll(async () => {
  t = await openTestDb();
  ({ caller: viewer } = await callerAs(t.db, "VIEWER"));
});
afterAll(() => t.close());

describe("the audit log", () => {
  it("lists a staff member's changes newest first with actor, role and customer, in keyset pages", async () => {
    const agent = await serviceContextAs(t.db, "SUPPORT_AGENT");
    const customer = await createCustomer(t.db);
    const first = await issueTestCredit(agent, customer.id, { amount: "5.00" });
    const second = await issueTestCredit(agent, customer.id, { amount: "6.00" });
    const third = await issueTestCredit(agent, customer.id, { amount: "7.00" });

    const page1 = await viewer.audit.list({ actorId: agent.actor.id, limit: 2 });
    expect(page1.items.map((e) => e.entityId)).toEqual([third.creditId, second.creditId]);
    expect(page1.items[0]).toMatchObject({
      action: "credit.issue",
      actor: { id: agent.actor.id, name: agent.actor.name },
      actorRole: "SUPPORT_AGENT",
      customer: { id: customer.id, name: `${customer.firstName} ${customer.lastName}` },
    });
    const page2 = await viewer.audit.list({ actorId: agent.actor.id, limit: 2, cursor: page1.nextCursor });
    expect(page2.items.map((e) => e.entityId)).toEqual([first.creditId]);
    expect(page2.nextCursor).toBeNull();
  });

  it("filters by area, customer and dates", async () => {
    const admin = await serviceContextAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db);
    const other = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "3.00" });
    await issueTestCredit(admin, other.id, { amount: "4.00" });

    const mine = await viewer.audit.list({ customerId: customer.id });
    expect(mine.items.map((e) => e.entityId)).toEqual([credit.creditId]);
    expect((await viewer.audit.list({ customerId: customer.id, area: "refund" })).items).toEqual([]);
    expect((await viewer.audit.list({ customerId: customer.id, area: "credit" })).items).toHaveLength(1);
    const future = new Date(Date.now() + 86_400_000);
    expect((await viewer.audit.list({ customerId: customer.id, from: future })).items).toEqual([]);
    expect((await viewer.audit.list({ customerId: customer.id, to: future })).items).toHaveLength(1);
  });

  it("filters by exact action and by target (type and id together), and derives the area from the action", async () => {
    const admin = await serviceContextAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "3.00" });
    const roleId = crypto.randomUUID();
    await t.db.$transaction((tx) =>
      writeAudit(tx, { actor: { id: admin.actor.id, role: "ADMIN", request: null }, action: "role.create", entityType: "role", entityId: roleId, after: { name: "x" } }),
    );
    const mine = { actorId: admin.actor.id };

    expect((await viewer.audit.list({ ...mine, action: "credit.issue" })).items.map((e) => e.entityId)).toEqual([credit.creditId]);
    expect((await viewer.audit.list({ ...mine, action: "role.create" })).items.map((e) => e.entityId)).toEqual([roleId]);
    expect((await viewer.audit.list({ ...mine, action: "credit.void" })).items).toEqual([]);
    expect((await viewer.audit.list({ ...mine, area: "role" })).items.map((e) => e.action)).toEqual(["role.create"]);
    expect((await viewer.audit.list({ targetType: "role", targetId: roleId })).items.map((e) => e.action)).toEqual(["role.create"]);
    expect((await viewer.audit.list({ targetType: "store_credit", targetId: roleId })).items).toEqual([]);
    // A supplied area never wins over the action's own prefix.
    const [row] = await t.db.$queryRaw<{ area: string }[]>`SELECT area FROM audit_log WHERE entity_id = ${roleId}`;
    expect(row?.area).toBe("role");

    expect(await fieldRefusal(viewer.audit.list({ targetId: roleId }))).toEqual({ code: "BAD_REQUEST", fieldMessage: "targetType: Choose both the target type and the target id" });
    expect((await refusal(viewer.audit.list({ action: "credit.issue'; --" }))).code).toBe("BAD_REQUEST");
    const { actions, targetTypes } = await viewer.audit.filterOptions();
    expect(actions).toEqual(expect.arrayContaining(["credit.issue", "role.create"]));
    expect(actions).toEqual([...new Set(actions)].sort());
    expect(targetTypes).toEqual(expect.arrayContaining(["role"]));
  });

  it("exports the filtered entries as CSV, newest first, with formula-like text made inert", async () => {
    const admin = await serviceContextAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db);
    const targets = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "plain"].map((reason) => ({ reason, id: crypto.randomUUID() }));
    for (const { reason, id } of targets) {
      await t.db.$transaction((tx) =>
        writeAudit(tx, {
          actor: { id: admin.actor.id, role: "ADMIN", request: { ip: "203.0.113.9", userAgent: "=cmd|' /C calc'!A0" } },
          action: "credit.update",
          entityType: "store_credit",
          entityId: id,
          customerId: customer.id,
          reason,
          before: { memo: "a" },
          after: { memo: "=b" },
        }),
      );
    }
    const csv = await viewer.audit.csv({ customerId: customer.id });
    expect(csv).toMatchObject({ rowCount: targets.length, isTruncated: false });
    expect(csv.filename).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.csv.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("Time,Staff member,Staff email,Role,Action,Target type,Target id,Customer id,Customer,Reason,IP,User agent,Before,After,Entry id");
    // Newest first: the last written is the first row.
    expect(lines[1]).toContain(`"${targets.at(-1)!.id}"`);
    const csvText = csv.csv;
    expect(csvText).toContain(`"'=HYPERLINK(""http://x"")"`);
    for (const reason of ["+1", "-2", "@SUM(A1)", "\tTab", "\rCR"]) expect(csvText).toContain(`"'${reason}"`);
    expect(csvText).toContain(`"plain"`);
    expect(csvText).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(csvText).toContain(`"203.0.113.9"`);
    expect(csvText).not.toMatch(/(^|,)[=+\-@]/m);

    const one = await viewer.audit.csv({ customerId: customer.id, targetType: "store_credit", targetId: targets[0]!.id });
    expect(one.rowCount).toBe(1);
    expect((await viewer.audit.csv({ customerId: customer.id, action: "credit.issue" })).rowCount).toBe(0);
    expect((await viewer.audit.csv({ customerId: customer.id, from: new Date(Date.now() + 86_400_000) })).rowCount).toBe(0);
  });

  it("shows one entry with what changed, and says plainly when there is none", async () => {
    const admin = await serviceContextAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "9.50" });
    const [entry] = (await viewer.audit.list({ customerId: customer.id })).items;
    const detail = await viewer.audit.get({ entryId: entry!.id });
    expect(detail).toMatchObject({ entityId: credit.creditId, before: null, after: { amountMinor: "950", currency: "USD" } });

    expect(await refusal(viewer.audit.get({ entryId: crypto.randomUUID() }))).toEqual({ code: "NOT_FOUND", message: "This audit entry does not exist" });
  });

  it("lists the staff members who appear in the log for the filter", async () => {
    const agent = await serviceContextAs(t.db, "SUPPORT_AGENT");
    await issueTestCredit(agent, (await createCustomer(t.db)).id, { amount: "1.00" });
    const { actors } = await viewer.audit.filterOptions();
    expect(actors).toContainEqual({ id: agent.actor.id, name: agent.actor.name });
  });

  it("refuses a support agent, whose role cannot read the log", async () => {
    const { staff } = await callerAs(t.db, "SUPPORT_AGENT");
    const agent = await callerFor(t.db, staff.id);
    expect((await refusal(agent.audit.list({}))).code).toBe("FORBIDDEN");
    expect((await refusal(agent.audit.csv({}))).code).toBe("FORBIDDEN");
  });
});
