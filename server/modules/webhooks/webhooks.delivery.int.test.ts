import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { Prisma } from "@/prisma/generated/client";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/helpers/webhook-receiver";
import { createCustomer } from "@/tests/factories/customers";
import { issueTestCredit, newKey, serviceContextAs } from "@/tests/factories/credits";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { executeTogether, moneyTransaction } from "@/server/modules/credits/ledger";
import { spendCredit } from "@/server/modules/credits/spend-credit";
import { voidCredit } from "@/server/modules/credits/void-credit";
import { remindExpiringCredits } from "@/server/modules/credits/remind-expiring-credits";
import { DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";
import { getExpiryReminderSetting, setExpiryReminderSetting } from "@/server/modules/settings/settings.service";
import { deliverDueWebhooks } from "./deliver-webhooks";
import { newWebhookSecret, sendWebhook } from "./send-webhook";
import { webhookEventInsertSql } from "./webhooks.repo";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, resendWebhookDelivery } from "./webhooks.service";
import type { WebhookEventType } from "./webhooks.schema";

let t: TestDb;
let admin: ServiceContext;
const receivers: WebhookReceiver[] = [];
const endpoints: string[] = [];

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
});
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  for (const id of endpoints) await deleteWebhookEndpoint(admin, id);
  for (const receiver of receivers) await receiver.close();
  await t.close();
});

async function receiverWithEndpoint(script: (number | "hang")[], events: WebhookEventType[] = ["credit.issued"]) {
  const receiver = await startWebhookReceiver(script);
  receivers.push(receiver);
  vi.stubEnv("WEBHOOKS_ALLOW_PRIVATE", "1");
  const endpoint = await createWebhookEndpoint(admin, { url: receiver.url, description: "test receiver", events });
  vi.unstubAllEnvs();
  endpoints.push(endpoint.id);
  return { receiver, endpoint };
}

/** The events of one customer (other test files write events for their own customers). */
const eventsOf = (customerId: string, type?: string) =>
  t.db.$queryRaw<{ id: string; type: string; data: Record<string, unknown> }[]>`
    SELECT id, type, data FROM webhook_event WHERE data->>'customer_id' = ${customerId} ${type ? Prisma.sql`AND type = ${type}` : Prisma.empty} ORDER BY created_at, id`;

const deliveryOf = (eventId: string, endpointId: string) => t.db.webhookDelivery.findUniqueOrThrow({ where: { eventId_endpointId: { eventId, endpointId } } });

const HOUR = 3_600_000;

describe("webhook delivery", () => {
  it("retries a receiver that fails 3 times and then delivers once more with the same webhook-id; every signature verifies", async () => {
    const { receiver, endpoint } = await receiverWithEndpoint([500, 503, 500]);
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "12.50" });
    const [event] = await eventsOf(customer.id, "credit.issued");
    expect(event?.data).toMatchObject({ credit_id: credit.creditId, customer_id: customer.id, currency: "USD", amount_minor: "1250", balance_minor: "1250" });

    // Each run a few hours later than the last, past the backoff; the receiver fails three times.
    for (let run = 0; run < 4; run++) await deliverDueWebhooks(t.db, { now: new Date(Date.now() + run * HOUR), allowPrivate: true });
    const mine = receiver.received.filter((request) => request.headers["webhook-id"] === event!.id);
    expect(mine.map((request) => request.answered)).toEqual([500, 503, 500, 200]);
    for (const request of mine) {
      const payload = new Webhook(endpoint.secret).verify(request.body, request.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
      expect(payload).toMatchObject({ type: "credit.issued", data: { credit_id: credit.creditId, amount_minor: "1250" } });
      expect(request.body).toBe(mine[0]!.body);
    }
    expect(await deliveryOf(event!.id, endpoint.id)).toMatchObject({ status: "DELIVERED", attempts: 4, lastResponseCode: 200 });

    // Delivered: later runs send nothing more.
    await deliverDueWebhooks(t.db, { now: new Date(Date.now() + 10 * HOUR), allowPrivate: true });
    expect(receiver.received.filter((request) => request.headers["webhook-id"] === event!.id)).toHaveLength(4);

    // Resend sends the same event again, same id and body; the deliveries page lists it.
    const [listed] = (await listWebhookDeliveries(admin, { endpointId: endpoint.id, cursor: null, limit: 25 })).items.filter((d) => d.eventId === event!.id);
    expect(listed).toMatchObject({ eventType: "credit.issued", status: "DELIVERED", attempts: 4, lastResponseCode: 200 });
    await resendWebhookDelivery(admin, listed!.id);
    await deliverDueWebhooks(t.db, { allowPrivate: true });
    const again = receiver.received.filter((request) => request.headers["webhook-id"] === event!.id);
    expect(again).toHaveLength(5);
    expect(again[4]!.body).toBe(mine[0]!.body);
  });

  it("gives up after 3 days of failures", async () => {
    const { receiver, endpoint } = await receiverWithEndpoint(Array.from({ length: 30 }, () => 500));
    const customer = await createCustomer(t.db);
    await issueTestCredit(admin, customer.id);
    const [event] = await eventsOf(customer.id, "credit.issued");
    for (let hours = 0; hours <= 80; hours += 6) await deliverDueWebhooks(t.db, { now: new Date(Date.now() + hours * HOUR), allowPrivate: true });
    const delivery = await deliveryOf(event!.id, endpoint.id);
    expect(delivery.status).toBe("FAILED");
    expect(delivery.attempts).toBeGreaterThan(3);
    expect(receiver.received.filter((r) => r.headers["webhook-id"] === event!.id)).toHaveLength(delivery.attempts);
  });

  it("refuses loopback, private and link-local destinations unless WEBHOOKS_ALLOW_PRIVATE=1", async () => {
    vi.stubEnv("WEBHOOKS_ALLOW_PRIVATE", "0");
    for (const url of ["http://127.0.0.1:9/hooks", "http://localhost/hooks", "http://[::1]/hooks", "http://169.254.169.254/latest", "http://10.1.2.3/", "http://[::ffff:192.168.0.1]/"]) {
      await expect(createWebhookEndpoint(admin, { url, description: null, events: ["credit.issued"] }), url).rejects.toMatchObject({ code: "BAD_INPUT", field: "url" });
    }

    // Saved while allowed, then sent without the flag: refused at send time, nothing reaches the receiver.
    const { receiver, endpoint } = await receiverWithEndpoint([]);
    const customer = await createCustomer(t.db);
    await issueTestCredit(admin, customer.id);
    const [event] = await eventsOf(customer.id, "credit.issued");
    await deliverDueWebhooks(t.db, { allowPrivate: false });
    expect(receiver.received.filter((r) => r.headers["webhook-id"] === event!.id)).toHaveLength(0);
    const delivery = await deliveryOf(event!.id, endpoint.id);
    expect(delivery).toMatchObject({ status: "PENDING", attempts: 1, lastResponseCode: null });
    expect(delivery.lastError).toMatch(/private, loopback or link-local/);
  });

  it("checks a host name's addresses when it connects, and connects to a checked one", async () => {
    const receiver = await startWebhookReceiver([]);
    receivers.push(receiver);
    const byName = receiver.url.replace("127.0.0.1", "localhost");
    const request = { url: byName, secret: newWebhookSecret(), messageId: "msg_by_name", payload: '{"type":"credit.issued"}', timestamp: new Date() };
    const refused = await sendWebhook(request, { timeoutMs: 2_000, allowPrivate: false });
    expect(refused).toMatchObject({ responseCode: null, error: expect.stringMatching(/^localhost resolves to .*private, loopback or link-local/) });
    expect(receiver.received).toHaveLength(0);
    expect(await sendWebhook(request, { timeoutMs: 2_000, allowPrivate: true })).toMatchObject({ responseCode: 200, error: null });
    expect(new Webhook(request.secret).verify(receiver.received[0]!.body, receiver.received[0]!.headers)).toEqual({ type: "credit.issued" });
  });

  it("a receiver that never answers does not hold up issuing credit", async () => {
    const { receiver, endpoint } = await receiverWithEndpoint(["hang"]);
    const customer = await createCustomer(t.db);
    await issueTestCredit(admin, customer.id);
    const [event] = await eventsOf(customer.id, "credit.issued");

    let isRunDone = false;
    const run = deliverDueWebhooks(t.db, { allowPrivate: true, timeoutMs: 3_000 }).finally(() => (isRunDone = true));
    await vi.waitFor(() => expect(receiver.received.some((r) => r.headers["webhook-id"] === event!.id)).toBe(true));
    // While the request hangs, money keeps moving at full speed.
    const started = performance.now();
    for (let i = 0; i < 5; i++) await issueTestCredit(admin, customer.id);
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(isRunDone).toBe(false);

    await run;
    const delivery = await deliveryOf(event!.id, endpoint.id);
    expect(delivery).toMatchObject({ status: "PENDING", attempts: 1, lastResponseCode: null });
    expect(delivery.lastError).toMatch(/did not answer within 3000 ms/);
  });
});

describe("the webhook outbox", () => {
  it("writes the event in the money transaction: a rolled-back change leaves none", async () => {
    await receiverWithEndpoint([], ["credit.voided", "credit.spent"]);
    const customer = await createCustomer(t.db);
    await expect(
      moneyTransaction(t.db, async (tx) => {
        await executeTogether(tx, [webhookEventInsertSql("credit.voided", { customer_id: customer.id })]);
        throw new AppError("CONFLICT", "rolled back after the event was written");
      }),
    ).rejects.toThrow("rolled back");
    expect(await eventsOf(customer.id)).toHaveLength(0);

    // A refused spend (short balance: the fast path rolls back, the general path refuses) writes no event.
    const credit = await issueTestCredit(admin, customer.id, { amount: "5.00" });
    await expect(spendCredit({ db: t.db, actor: null }, { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: 900n })).rejects.toMatchObject({
      code: "INSUFFICIENT_FUNDS",
    });
    expect(await eventsOf(customer.id, "credit.spent")).toHaveLength(0);

    // Committed changes write theirs: a spend and a void.
    const spent = await spendCredit({ db: t.db, actor: null }, { idempotencyKey: newKey(), customerId: customer.id, currency: "USD", amountMinor: 200n, reference: "order-1" });
    await voidCredit(admin, { idempotencyKey: newKey(), creditId: credit.creditId, reasonId: DEFAULT_REASON_IDS.enteredInError, note: null });
    const events = (await eventsOf(customer.id)).filter((e) => e.type !== "credit.issued");
    expect(events.map((e) => e.type)).toEqual(["credit.spent", "credit.voided"]);
    expect(events[0]).toMatchObject({ id: spent.operationId, data: { amount_minor: "200", balance_minor: "300", reference: "order-1" } });
    expect(events[1]!.data).toMatchObject({ credit_id: credit.creditId, removed_minor: "300", balance_minor: "0" });
  });

  it("writes no event that no enabled endpoint subscribes to", async () => {
    const customer = await createCustomer(t.db);
    await moneyTransaction(t.db, (tx) => executeTogether(tx, [webhookEventInsertSql("hold.released", { customer_id: customer.id })]));
    expect(await eventsOf(customer.id)).toHaveLength(0);
  });
});

describe("expiry reminders", () => {
  it("queue one message and one credit.expiring event per credit, even when two runs go at once", async () => {
    await receiverWithEndpoint([], ["credit.expiring"]);
    const customer = await createCustomer(t.db, { phone: null });
    const soon = await issueTestCredit(admin, customer.id, { amount: "25.00", expiresAt: new Date(Date.now() + 3 * 86_400_000) });
    const later = await issueTestCredit(admin, customer.id, { amount: "5.00", expiresAt: new Date(Date.now() + 30 * 86_400_000) });
    const messagesOf = () => t.db.notification.findMany({ where: { customerId: customer.id, kind: "credit.expiring" } });

    // Off by default (and while off): nothing.
    const before = await getExpiryReminderSetting(admin);
    await setExpiryReminderSetting(admin, { isOn: false, days: 7 });
    await remindExpiringCredits({ db: t.db });
    expect(await messagesOf()).toHaveLength(0);

    await setExpiryReminderSetting(admin, { isOn: true, days: 7 });
    try {
      await Promise.all([remindExpiringCredits({ db: t.db }), remindExpiringCredits({ db: t.db }), remindExpiringCredits({ db: t.db })]);
      await remindExpiringCredits({ db: t.db });
    } finally {
      await setExpiryReminderSetting(admin, before);
    }
    const messages = await messagesOf();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: "EMAIL", recipient: customer.email, status: "PENDING" });
    expect(messages[0]!.body).toMatch(/^Your store credit of US\$25\.00 expires on /);
    const events = await eventsOf(customer.id, "credit.expiring");
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ credit_id: soon.creditId, remaining_minor: "2500", notification_id: messages[0]!.id });
    expect(await t.db.creditExpiryReminder.count({ where: { creditId: { in: [soon.creditId, later.creditId] } } })).toBe(1);
  });
});
