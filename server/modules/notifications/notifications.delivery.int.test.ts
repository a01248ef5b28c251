import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { createCustomer } from "@/tests/factories/customers";
import { createEmptyPostgres, openScratchPglite } from "@/tests/helpers/test-db";
import { deliverDueNotifications } from "./deliver-notifications";
import { LEASE_MS, MAX_ATTEMPTS } from "./delivery-policy";
import { claimDueNotifications, notificationInsertSql, recordNotificationSent } from "./notifications.repo";
import type { NotificationProvider, OutgoingMessage } from "./providers/notification-provider";

let db: Db;
let closeDb: () => Promise<void>;

/**
 * A database of its own: a run claims every due message in the database, which would take other
 * files' messages from under them. On PostgreSQL when the run has one, so the concurrency test
 * meets real row locks.
 */
async function openOwnDatabase() {
  const empty = await createEmptyPostgres();
  if (!empty) return openScratchPglite();
  await applyMigrations(empty.target);
  const opened = await createDb(empty.target);
  return {
    db: opened.db,
    close: async () => {
      await opened.close();
      await empty.destroy();
    },
  };
}

beforeAll(async () => {
  ({ db, close: closeDb } = await openOwnDatabase());
});
afterAll(() => closeDb());
beforeEach(async () => {
  await db.$executeRaw`DELETE FROM notification`;
});

/** A provider double that records what it was asked to send; `fail` decides per call. */
function fakeProvider(opts: { fail?: (message: OutgoingMessage, call: number) => string | null; delayMs?: number } = {}) {
  const sent: OutgoingMessage[] = [];
  let calls = 0;
  const provider: NotificationProvider = {
    name: "fake",
    send: async (message) => {
      calls += 1;
      if (opts.delayMs) await new Promise((resolve) => setTimeout(resolve, opts.delayMs));
      const failure = opts.fail?.(message, calls);
      if (failure) throw new Error(failure);
      sent.push(message);
      return { providerRef: `ref-${message.id}` };
    },
  };
  return { provider, sent, calls: () => calls };
}

async function queueMessage(opts: { phone?: string | null; body?: string; kind?: string } = {}) {
  const customer = await createCustomer(db, { phone: opts.phone ?? null });
  const id = crypto.randomUUID();
  await db.$executeRaw(
    notificationInsertSql({
      id,
      recipient: { customerId: customer.id, email: customer.email, phone: customer.phone },
      kind: opts.kind ?? "refund.processed",
      body: opts.body ?? "Your refund of US$25.00 to Visa •••• 4242 has been processed.",
    }),
  );
  return { id, customer };
}

const rowOf = (id: string) => db.notification.findUniqueOrThrow({ where: { id } });
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
/** After every message queued so far (they are stamped with the database's clock). */
const afterQueueing = () => new Date(Date.now() + 1_000);

describe("notification delivery", () => {
  it("sends each due message through its channel's provider and marks it SENT", async () => {
    const sms = await queueMessage({ phone: "+1 555 010 2030", kind: "credit.received", body: "You have received US$10.00 in store credit." });
    const email = await queueMessage();
    const smsProvider = fakeProvider();
    const emailProvider = fakeProvider();
    const now = afterQueueing();

    const result = await deliverDueNotifications(db, { now, providers: { SMS: smsProvider.provider, EMAIL: emailProvider.provider } });

    expect(result).toEqual({ sent: 2, failed: 0, retried: 0 });
    expect(smsProvider.sent).toEqual([{ id: sms.id, channel: "SMS", kind: "credit.received", recipient: "+1 555 010 2030", body: "You have received US$10.00 in store credit." }]);
    expect(emailProvider.sent).toEqual([
      { id: email.id, channel: "EMAIL", kind: "refund.processed", recipient: email.customer.email, body: "Your refund of US$25.00 to Visa •••• 4242 has been processed." },
    ]);
    expect(await rowOf(sms.id)).toMatchObject({ status: "SENT", sentAt: now, attempts: 1, lastError: null });
    expect(await rowOf(email.id)).toMatchObject({ status: "SENT", sentAt: now, attempts: 1 });

    expect(await deliverDueNotifications(db, { now: later(now, 3_600_000), providers: { SMS: smsProvider.provider, EMAIL: emailProvider.provider } })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    expect(smsProvider.calls() + emailProvider.calls()).toBe(2);
  });

  it("leaves messages that are not due yet", async () => {
    const { id } = await queueMessage();
    const now = afterQueueing();
    await db.$executeRaw`UPDATE notification SET next_attempt_at = ${later(now, 60_000)} WHERE id = ${id}::uuid`;
    const email = fakeProvider();

    expect(await deliverDueNotifications(db, { now, providers: { EMAIL: email.provider } })).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await rowOf(id)).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(await deliverDueNotifications(db, { now: later(now, 60_000), providers: { EMAIL: email.provider } })).toEqual({ sent: 1, failed: 0, retried: 0 });
  });

  it("retries a failing message with growing waits and marks it FAILED after the last try", async () => {
    const { id } = await queueMessage({ phone: "+1 555 010 2031" });
    const sms = fakeProvider({ fail: () => "The SMS gateway refused the message: 503 Service Unavailable" });
    let now = afterQueueing();
    const waits: number[] = [];

    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await deliverDueNotifications(db, { now, providers: { SMS: sms.provider } })).toEqual({ sent: 0, failed: 0, retried: 1 });
      const row = await rowOf(id);
      expect(row).toMatchObject({ status: "PENDING", attempts: attempt, lastError: "The SMS gateway refused the message: 503 Service Unavailable", sentAt: null });
      waits.push(row.nextAttemptAt.getTime() - now.getTime());
      // Not due again before its wait is over.
      expect(await deliverDueNotifications(db, { now: later(row.nextAttemptAt, -1), providers: { SMS: sms.provider } })).toEqual({ sent: 0, failed: 0, retried: 0 });
      now = row.nextAttemptAt;
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000]);

    expect(await deliverDueNotifications(db, { now, providers: { SMS: sms.provider } })).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect(await rowOf(id)).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "The SMS gateway refused the message: 503 Service Unavailable" });
    expect(await deliverDueNotifications(db, { now: later(now, 86_400_000), providers: { SMS: sms.provider } })).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(sms.calls()).toBe(MAX_ATTEMPTS);
  });

  it("sends a message on a later try once the provider recovers", async () => {
    const { id } = await queueMessage();
    const email = fakeProvider({ fail: (_message, call) => (call === 1 ? "Connection timeout" : null) });
    const now = afterQueueing();

    expect(await deliverDueNotifications(db, { now, providers: { EMAIL: email.provider } })).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect(await deliverDueNotifications(db, { now: later(now, 30_000), providers: { EMAIL: email.provider } })).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await rowOf(id)).toMatchObject({ status: "SENT", attempts: 2, sentAt: later(now, 30_000) });
  });

  it("sends every message exactly once when workers run at the same time", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 30; i++) ids.add((await queueMessage({ phone: i % 2 ? "+1 555 010 2040" : null })).id);
    const provider = fakeProvider({ delayMs: 5 });
    const now = afterQueueing();
    const worker = async () => {
      let sent = 0;
      for (;;) {
        const result = await deliverDueNotifications(db, { now, limit: 4, providers: { SMS: provider.provider, EMAIL: provider.provider } });
        if (result.sent === 0) return sent;
        sent += result.sent;
      }
    };

    const perWorker = await Promise.all([worker(), worker(), worker(), worker()]);

    expect(perWorker.reduce((sum, n) => sum + n, 0)).toBe(30);
    expect(provider.sent.map((m) => m.id).sort()).toEqual([...ids].sort());
    expect(await db.notification.count({ where: { id: { in: [...ids] }, status: "SENT", attempts: 1 } })).toBe(30);
  });

  it("brings back a message whose worker died after claiming it, once the lease is over", async () => {
    const { id } = await queueMessage();
    const now = afterQueueing();
    // The first half of a run, by a worker that never gets to send or record.
    const [claimed] = await claimDueNotifications(db, { now, leaseUntil: later(now, LEASE_MS), limit: 10, maxAttempts: MAX_ATTEMPTS });
    expect(claimed).toMatchObject({ id, attempts: 1 });
    const email = fakeProvider();

    expect(await deliverDueNotifications(db, { now: later(now, LEASE_MS - 1), providers: { EMAIL: email.provider } })).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await deliverDueNotifications(db, { now: later(now, LEASE_MS), providers: { EMAIL: email.provider } })).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await rowOf(id)).toMatchObject({ status: "SENT", attempts: 2, sentAt: later(now, LEASE_MS) });

    // The dead worker's late result does not overwrite the newer try's.
    expect(await recordNotificationSent(db, claimed!, later(now, 2 * LEASE_MS))).toBe(0);
    expect(await rowOf(id)).toMatchObject({ sentAt: later(now, LEASE_MS) });
  });

  it("marks FAILED a last try that was interrupted, without sending again", async () => {
    const { id } = await queueMessage();
    const now = afterQueueing();
    await db.$executeRaw`UPDATE notification SET attempts = ${MAX_ATTEMPTS}, last_error = 'Connection timeout' WHERE id = ${id}::uuid`;
    const email = fakeProvider();

    await deliverDueNotifications(db, { now, providers: { EMAIL: email.provider } });

    expect(await rowOf(id)).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "The last try was interrupted before its result was known" });
    expect(email.calls()).toBe(0);
  });
});
