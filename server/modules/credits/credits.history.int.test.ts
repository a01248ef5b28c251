import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { fieldRefusal, refusal } from "@/tests/helpers/trpc-errors";
import { callerFor } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { issueTestCredit, newKey, serviceContextAs } from "@/tests/factories/credits";
import type { ServiceContext } from "@/server/lib/service-context";
import { DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";
import { spendCredit } from "./spend-credit";
import { voidCredit } from "./void-credit";

let t: TestDb;
let admin: ServiceContext;
let caller: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
  caller = await callerFor(t.db, admin.actor.id);
});
afterAll(() => t.close());

/** A customer with 3 USD credits, 1 EUR credit, a spend over two credits and a deletion: 7 events. */
async function customerWithHistory() {
  const customer = await createCustomer(t.db);
  const a = await issueTestCredit(admin, customer.id, { amount: "10.00", memo: "first" });
  const b = await issueTestCredit(admin, customer.id, { amount: "5.00" });
  await issueTestCredit(admin, customer.id, { amount: "8.00", currency: "EUR" });
  const spent = await spendCredit({ db: t.db, actor: null }, { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: 1200n, reference: "Order 77" });
  const c = await issueTestCredit(admin, customer.id, { amount: "1.00" });
  await voidCredit(admin, { idempotencyKey: newKey(), creditId: c.creditId, reasonId: DEFAULT_REASON_IDS.enteredInError, note: '=HYPERLINK("x"), "quoted"' });
  return { customer, a, b, c, spent };
}

describe("credit history", () => {
  it("lists every event newest first with type, signed amount, balance after, actor, reason and memo", async () => {
    const { customer, a, b, c } = await customerWithHistory();
    const page = await caller.credits.history({ customerId: customer.id });
    expect(page.items.map((e) => [e.type, e.currency, e.amountMinor, e.balanceAfterMinor, e.creditId])).toEqual([
      ["VOIDED", "USD", -100n, 300n, c.creditId],
      ["ISSUED", "USD", 100n, 400n, c.creditId],
      ["USED", "USD", -200n, 300n, b.creditId],
      ["USED", "USD", -1000n, 500n, a.creditId],
      ["ISSUED", "EUR", 800n, 800n, page.items[4]!.creditId],
      ["ISSUED", "USD", 500n, 1500n, b.creditId],
      ["ISSUED", "USD", 1000n, 1000n, a.creditId],
    ]);
    expect(page.items[0]).toMatchObject({ typeLabel: "Deleted", actorName: admin.actor.name, reason: "Entered in error" });
    expect(page.items[2]).toMatchObject({ actor: null, actorName: "System", reason: "Order 77" });
    expect(page.items[6]).toMatchObject({ memo: "first", actor: { id: admin.actor.id, name: admin.actor.name } });
    expect(page.items[6]!.createdAt).toBeInstanceOf(Date);
    expect(page.nextCursor).toBeNull();
  });

  it("filters by currency, by type and by date range", async () => {
    const { customer } = await customerWithHistory();
    const eur = await caller.credits.history({ customerId: customer.id, currency: "EUR" });
    expect(eur.items.map((e) => e.type)).toEqual(["ISSUED"]);
    const used = await caller.credits.history({ customerId: customer.id, types: ["USED", "VOIDED"] });
    expect(used.items.map((e) => e.type)).toEqual(["VOIDED", "USED", "USED"]);
    const all = await caller.credits.history({ customerId: customer.id });
    const future = await caller.credits.history({ customerId: customer.id, from: new Date(Date.now() + 60_000) });
    expect(future.items).toEqual([]);
    const past = await caller.credits.history({ customerId: customer.id, to: new Date(Date.now() - 86_400_000) });
    expect(past.items).toEqual([]);
    const window = await caller.credits.history({ customerId: customer.id, from: all.items.at(-1)!.createdAt, to: all.items[0]!.createdAt });
    expect(window.items).toHaveLength(7);
    expect(await fieldRefusal(
      caller.credits.history({ customerId: customer.id, from: new Date(), to: new Date(Date.now() - 1000) }),
    )).toMatchObject({ code: "BAD_REQUEST", fieldMessage: "to: The end date is before the start date" });
  });

  it("pages with a keyset cursor, every event exactly once", async () => {
    const { customer } = await customerWithHistory();
    const all = await caller.credits.history({ customerId: customer.id });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.credits.history>> = await caller.credits.history({ customerId: customer.id, limit: 3, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.id));
    expect(await refusal(caller.credits.history({ customerId: customer.id, cursor: "bogus" }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("exports the filtered history as CSV, escaping quotes and neutralising formulas", async () => {
    const { customer } = await customerWithHistory();
    const csv = await caller.credits.historyCsv({ customerId: customer.id, currency: "USD" });
    expect(csv).toMatchObject({ rowCount: 6, isTruncated: false });
    expect(csv.filename).toMatch(/^credit-history-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Date (UTC),Type,Currency,Amount,Balance after,Actor,Reason,Memo,Credit ID,Operation ID");
    expect(lines).toHaveLength(7);
    expect(lines[1]).toContain(`,Deleted,USD,-1.00,3.00,${admin.actor.name},Entered in error,"'=HYPERLINK(""x""), ""quoted""",`);
    expect(lines[3]).toContain(",Used,USD,-2.00,3.00,System,Order 77,,");
  });
});

describe("a customer's credits and one credit's detail", () => {
  it("lists credits newest first with remaining amount and status, and filters the active ones", async () => {
    const { customer, a, b, c } = await customerWithHistory();
    const list = await caller.credits.list({ customerId: customer.id, currency: "USD" });
    expect(list.items.map((credit) => [credit.id, credit.status, credit.remainingMinor, credit.usedMinor])).toEqual([
      [c.creditId, "VOIDED", 0n, 0n],
      [b.creditId, "ACTIVE", 300n, 200n],
      [a.creditId, "DEPLETED", 0n, 1000n],
    ]);
    expect(list.items[2]).toMatchObject({ category: { name: "Goodwill" }, createdBy: { id: admin.actor.id }, memo: "first" });
    const active = await caller.credits.list({ customerId: customer.id, status: "ACTIVE" });
    expect(active.items.map((credit) => credit.id).sort()).toEqual([b.creditId, expect.any(String)].sort());
    const paged = await caller.credits.list({ customerId: customer.id, limit: 2 });
    const next = await caller.credits.list({ customerId: customer.id, limit: 2, cursor: paged.nextCursor });
    expect([...paged.items, ...next.items].map((credit) => credit.id)).toHaveLength(4);
    expect(next.nextCursor).toBeNull();
  });

  it("shows a credit with its own events and what the caller may do", async () => {
    const { b } = await customerWithHistory();
    const detail = await caller.credits.get({ creditId: b.creditId });
    expect(detail.credit).toMatchObject({ id: b.creditId, amountMinor: 500n, usedMinor: 200n, remainingMinor: 300n, status: "ACTIVE" });
    expect(detail.events.map((e) => e.type)).toEqual(["USED", "ISSUED"]);
    expect(detail.can).toEqual({ edit: true, void: true });

    const support = await callerFor(t.db, (await serviceContextAs(t.db, "SUPPORT_AGENT")).actor.id);
    expect((await support.credits.get({ creditId: b.creditId })).can).toEqual({ edit: true, void: false });
    const viewer = await callerFor(t.db, (await serviceContextAs(t.db, "VIEWER")).actor.id);
    expect((await viewer.credits.get({ creditId: b.creditId })).can).toEqual({ edit: false, void: false });
    expect((await refusal(caller.credits.get({ creditId: newKey() }))).code).toBe("NOT_FOUND");
  });
});
