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

/** A customer with 3 USD credits, 1 EUR credit, a spend over two credits and a deletion: 7 events in 6 operations. */
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

const creditsOf = (operation: { events: { creditId: string; amountMinor: bigint }[] }) => operation.events.map((e) => [e.creditId, e.amountMinor]);

describe("credit history", () => {
  it("lists one line per operation newest first, with its total, the balance after, actor, reason and memo", async () => {
    const { customer, a, b, c } = await customerWithHistory();
    const page = await caller.credits.history({ customerId: customer.id });
    expect(page.items.map((op) => [op.type, op.currency, op.amountMinor, op.balanceAfterMinor, creditsOf(op)])).toEqual([
      ["VOIDED", "USD", -100n, 300n, [[c.creditId, -100n]]],
      ["ISSUED", "USD", 100n, 400n, [[c.creditId, 100n]]],
      // One spend over two credits is one line, open to the credits it drew from in ledger order.
      ["USED", "USD", -1200n, 300n, [[a.creditId, -1000n], [b.creditId, -200n]]],
      ["ISSUED", "EUR", 800n, 800n, [[page.items[3]!.events[0]!.creditId, 800n]]],
      ["ISSUED", "USD", 500n, 1500n, [[b.creditId, 500n]]],
      ["ISSUED", "USD", 1000n, 1000n, [[a.creditId, 1000n]]],
    ]);
    expect(page.items[0]).toMatchObject({ typeLabel: "Deleted", actorName: admin.actor.name, reason: "Entered in error" });
    expect(page.items[2]).toMatchObject({ actor: null, actorName: "System", reason: "Order 77" });
    expect(page.items[2]!.events.map((e) => e.operationId)).toEqual([page.items[2]!.operationId, page.items[2]!.operationId]);
    expect(page.items[5]).toMatchObject({ memo: "first", actor: { id: admin.actor.id, name: admin.actor.name } });
    expect(page.items[5]!.createdAt).toBeInstanceOf(Date);
    expect(page.nextCursor).toBeNull();
  });

  it("shows a lower balance set over two credits as one Adjusted down line (65.00 to 42.00: -23.00 from -15.00 and -8.00)", async () => {
    const customer = await createCustomer(t.db);
    const older = await issueTestCredit(admin, customer.id, { amount: "50.00" });
    const newer = await issueTestCredit(admin, customer.id, { amount: "15.00" });
    await caller.credits.setBalance({ idempotencyKey: newKey(), customerId: customer.id, currency: "USD", balance: "42.00", expectedBalance: "65.00", reasonId: DEFAULT_REASON_IDS.reconciliation, note: "Count" });

    const page = await caller.credits.history({ customerId: customer.id });
    expect(page.items).toHaveLength(3);
    expect(page.items[0]).toMatchObject({ type: "ADJUSTED_DOWN", typeLabel: "Adjusted down", amountMinor: -2300n, balanceAfterMinor: 4200n, reason: "Balance reconciliation", memo: "Count" });
    // Newest credit first, as set-balance draws.
    expect(creditsOf(page.items[0]!)).toEqual([[newer.creditId, -1500n], [older.creditId, -800n]]);
    expect(page.items[0]!.events.map((e) => [e.reason, e.balanceAfterMinor])).toEqual([["Balance reconciliation", 5000n], ["Balance reconciliation", 4200n]]);

    const csv = await caller.credits.historyCsv({ customerId: customer.id });
    const lines = csv.csv.trimEnd().split("\r\n");
    expect(csv.rowCount).toBe(3);
    expect(lines[1]).toBe(
      [
        page.items[0]!.createdAt.toISOString(),
        "Adjusted down",
        "USD",
        "-23.00",
        "42.00",
        `"${admin.actor.name}"`,
        `"Balance reconciliation"`,
        `"Count"`,
        `"${newer.creditId} -15.00; ${older.creditId} -8.00"`,
        page.items[0]!.operationId,
      ].join(","),
    );

    const detail = await caller.credits.get({ creditId: older.creditId });
    expect(detail.operations.map((op) => [op.type, op.amountMinor, creditsOf(op)])).toEqual([
      ["ADJUSTED_DOWN", -2300n, [[newer.creditId, -1500n], [older.creditId, -800n]]],
      ["ISSUED", 5000n, [[older.creditId, 5000n]]],
    ]);
  });

  it("filters by currency, by type and by date range", async () => {
    const { customer } = await customerWithHistory();
    const eur = await caller.credits.history({ customerId: customer.id, currency: "EUR" });
    expect(eur.items.map((e) => e.type)).toEqual(["ISSUED"]);
    const used = await caller.credits.history({ customerId: customer.id, types: ["USED", "VOIDED"] });
    expect(used.items.map((op) => [op.type, op.events.length])).toEqual([["VOIDED", 1], ["USED", 2]]);
    const all = await caller.credits.history({ customerId: customer.id });
    const future = await caller.credits.history({ customerId: customer.id, from: new Date(Date.now() + 60_000) });
    expect(future.items).toEqual([]);
    const past = await caller.credits.history({ customerId: customer.id, to: new Date(Date.now() - 86_400_000) });
    expect(past.items).toEqual([]);
    const window = await caller.credits.history({ customerId: customer.id, from: all.items.at(-1)!.createdAt, to: all.items[0]!.createdAt });
    expect(window.items).toHaveLength(6);
    expect(await fieldRefusal(
      caller.credits.history({ customerId: customer.id, from: new Date(), to: new Date(Date.now() - 1000) }),
    )).toMatchObject({ code: "BAD_REQUEST", fieldMessage: "to: The end date is before the start date" });
  });

  it.each([1, 2, 3, 5])("pages %i operations at a time with a keyset cursor, every operation once and whole", async (limit) => {
    const { customer } = await customerWithHistory();
    // Two more spends over several credits, so page edges fall next to and inside split operations.
    await issueTestCredit(admin, customer.id, { amount: "4.00" });
    await spendCredit({ db: t.db, actor: null }, { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: 500n, reference: "Order 78" });
    await spendCredit({ db: t.db, actor: null }, { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: 150n, reference: "Order 79" });
    const all = await caller.credits.history({ customerId: customer.id });
    expect(all.items.map((op) => op.events.length)).toEqual([1, 2, 1, 1, 1, 2, 1, 1, 1]);
    const seen: (readonly [string, number])[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.credits.history>> = await caller.credits.history({ customerId: customer.id, limit, cursor });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((op) => [op.operationId, op.events.length] as const));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((op) => [op.operationId, op.events.length]));
    expect(await refusal(caller.credits.history({ customerId: customer.id, cursor: "bogus" }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("exports the filtered history as CSV, one row per operation, quoting text and neutralising formulas", async () => {
    const { customer, a, b } = await customerWithHistory();
    const csv = await caller.credits.historyCsv({ customerId: customer.id, currency: "USD" });
    expect(csv).toMatchObject({ rowCount: 5, isTruncated: false });
    expect(csv.filename).toMatch(/^credit-history-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Date (UTC),Type,Currency,Amount,Balance after,Actor,Reason,Memo,Credits,Operation ID");
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain(`,Deleted,USD,-1.00,3.00,"${admin.actor.name}","Entered in error","'=HYPERLINK(""x""), ""quoted""",`);
    expect(lines[3]).toContain(`,Used,USD,-12.00,3.00,"System","Order 77","","${a.creditId} -10.00; ${b.creditId} -2.00",`);
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
    expect(detail.operations.map((op) => [op.type, op.amountMinor, op.events.length])).toEqual([["USED", -1200n, 2], ["ISSUED", 500n, 1]]);
    expect(detail.can).toEqual({ edit: true, void: true });

    const support = await callerFor(t.db, (await serviceContextAs(t.db, "SUPPORT_AGENT")).actor.id);
    expect((await support.credits.get({ creditId: b.creditId })).can).toEqual({ edit: true, void: false });
    const viewer = await callerFor(t.db, (await serviceContextAs(t.db, "VIEWER")).actor.id);
    expect((await viewer.credits.get({ creditId: b.creditId })).can).toEqual({ edit: false, void: false });
    expect((await refusal(caller.credits.get({ creditId: newKey() }))).code).toBe("NOT_FOUND");
  });
});
