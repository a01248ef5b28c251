import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { refusal } from "@/tests/helpers/trpc-errors";
import { callerAs, callerFor } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { issueTestCredit, serviceContextAs } from "@/tests/factories/credits";

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
  });
});
