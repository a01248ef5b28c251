import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { refusal } from "@/tests/helpers/trpc-errors";
import { callerAs, callerFor } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { issueTestCredit, serviceContextAs } from "@/tests/factories/credits";
import { uuid7 } from "@/server/lib/uuid7";
import { notificationInsertSql } from "./notifications.repo";

let t: TestDb;
let viewer: Awaited<ReturnType<typeof callerAs>>["caller"];

beforeAll(async () => {
  t = await openTestDb();
  ({ caller: viewer } = await callerAs(t.db, "VIEWER"));
});
afterAll(() => t.close());

/** Queues a message for the customer, stamped `createdAt`. */
async function message(customer: { id: string; email: string; phone: string | null }, body: string, createdAt: Date) {
  const id = uuid7(createdAt.getTime());
  await t.db.$executeRaw(notificationInsertSql({ id, recipient: { customerId: customer.id, email: customer.email, phone: customer.phone }, kind: "refund.processed", body }));
  await t.db.$executeRaw`UPDATE notification SET created_at = ${createdAt}, next_attempt_at = ${createdAt} WHERE id = ${id}::uuid`;
  return id;
}

describe("a customer's notifications", () => {
  it("lists the messages the customer was sent, newest first, with channel, recipient, text and delivery state", async () => {
    const admin = await serviceContextAs(t.db, "ADMIN");
    const customer = await createCustomer(t.db, { phone: "+1 555 010 7000" });
    const other = await createCustomer(t.db);
    await issueTestCredit(admin, customer.id, { amount: "10.00", notifyCustomer: true });
    const failedId = await message(customer, "Your refund of US$25.00 to Visa •••• 4242 has been processed.", new Date("2026-01-02T10:00:00Z"));
    await t.db.$executeRaw`UPDATE notification SET status = 'FAILED', attempts = 5, last_error = 'The SMS gateway refused the message: 400 Bad Request' WHERE id = ${failedId}::uuid`;
    await message(other, "Not this customer's", new Date("2026-01-03T10:00:00Z"));

    const page = await viewer.notifications.list({ customerId: customer.id });

    expect(page.nextCursor).toBeNull();
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toMatchObject({
      kind: "credit.received",
      channel: "SMS",
      recipient: "+1 555 010 7000",
      body: "You have received US$10.00 in store credit.",
      status: "PENDING",
      attempts: 0,
      lastError: null,
      sentAt: null,
    });
    expect(page.items[0]!.createdAt).toBeInstanceOf(Date);
    expect(page.items[1]).toMatchObject({
      id: failedId,
      body: "Your refund of US$25.00 to Visa •••• 4242 has been processed.",
      status: "FAILED",
      attempts: 5,
      lastError: "The SMS gateway refused the message: 400 Bad Request",
      createdAt: new Date("2026-01-02T10:00:00Z"),
    });
  });

  it("pages through every message exactly once, also when several share a time", async () => {
    const customer = await createCustomer(t.db);
    const at = (iso: string) => new Date(iso);
    const queued = [
      { body: "one", at: at("2026-02-01T09:00:00Z") },
      { body: "two", at: at("2026-02-01T10:00:00Z") },
      { body: "three", at: at("2026-02-01T10:00:00Z") },
      { body: "four", at: at("2026-02-01T10:00:00Z") },
      { body: "five", at: at("2026-02-02T08:00:00Z") },
    ];
    const withIds = [];
    for (const q of queued) withIds.push({ ...q, id: await message(customer, q.body, q.at) });
    // Newest first; messages of the same time by id, descending.
    const expected = withIds.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1)).map((m) => m.body);

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof viewer.notifications.list>> = await viewer.notifications.list({ customerId: customer.id, cursor, limit: 2 });
      pages.push(page.items.map((n) => n.body));
      cursor = page.nextCursor;
    } while (cursor);

    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(expected);
    expect(expected[0]).toBe("five");
    expect(expected[4]).toBe("one");
  });

  it("refuses a cursor it did not make", async () => {
    const customer = await createCustomer(t.db);
    expect(await refusal(viewer.notifications.list({ customerId: customer.id, cursor: "bm90LWEtY3Vyc29y" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: "This page link is no longer valid",
    });
  });

  it("may be read by every role, and by no one signed out", async () => {
    const customer = await createCustomer(t.db);
    await message(customer, "hello", new Date("2026-03-01T00:00:00Z"));
    for (const role of ["ADMIN", "SUPPORT_AGENT", "VIEWER"] as const) {
      const { caller } = await callerAs(t.db, role);
      expect((await caller.notifications.list({ customerId: customer.id })).items.map((n) => n.body)).toEqual(["hello"]);
    }
    const signedOut = await callerFor(t.db, null);
    expect((await refusal(signedOut.notifications.list({ customerId: customer.id }))).code).toBe("UNAUTHORIZED");
  });
});
