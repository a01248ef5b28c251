import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createWebhookEndpoint, deleteWebhookEndpoint } from "@/server/modules/webhooks/webhooks.service";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { newKey, serviceContextAs } from "@/tests/factories/credits";
import type { ServiceContext } from "@/server/lib/service-context";
import { ZIssueCreditInput } from "./credits.schema";
import { issueCredit, issueCreditFast, issueCreditGeneral, type IssueCreditResult } from "./issue-credit";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";

// The fast path (an actor without limits, a fresh key, checks passing) must write exactly what the
// general path writes.
let t: TestDb;
let admin: ServiceContext;
let agent: ServiceContext;
let endpointId: string;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
  agent = await serviceContextAs(t.db, "SUPPORT_AGENT");
  // Subscribed, so both paths write the credit.issued webhook event (never delivered: deleted below).
  vi.stubEnv("WEBHOOKS_ALLOW_PRIVATE", "1");
  endpointId = (await createWebhookEndpoint(admin, { url: "http://127.0.0.1:9/never", description: null, events: ["credit.issued"] })).id;
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await deleteWebhookEndpoint(admin, endpointId);
  await t.close();
});

const inputFor = (customerId: string, overrides: Record<string, unknown> = {}) =>
  ZIssueCreditInput.parse({
    idempotencyKey: newKey(),
    customerId,
    amount: "12.34",
    currency: "EUR",
    categoryId: DEFAULT_CATEGORY_IDS.goodwill,
    memo: "fast or not",
    expiresAt: new Date("2031-01-02T00:00:00Z"),
    notifyCustomer: true,
    ...overrides,
  });

/** Every row an issue writes, without the ids and times that differ between two issues. */
async function rowsOf(result: IssueCreditResult, actorId: string, key: string) {
  const credit = await t.db.storeCredit.findUniqueOrThrow({ where: { id: result.creditId } });
  const events = await t.db.creditEvent.findMany({ where: { creditId: result.creditId } });
  const [audit] = await t.db.auditLog.findMany({ where: { entityId: result.creditId } });
  const notification = result.notificationId === null ? null : await t.db.notification.findUniqueOrThrow({ where: { id: result.notificationId } });
  const stored = await t.db.idempotencyKey.findUniqueOrThrow({ where: { actorId_operation_key: { actorId, operation: "credit.issue", key } } });
  const balance = await t.db.creditBalance.findUniqueOrThrow({ where: { customerId_currency: { customerId: result.customerId, currency: "EUR" } } });
  const customer = await t.db.customer.findUniqueOrThrow({ where: { id: result.customerId } });
  // The operation's id is the event's on both paths.
  const webhook = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: events[0]!.operationId }, include: { deliveries: true } });
  return {
    webhook: {
      type: webhook.type,
      data: { ...(webhook.data as Record<string, unknown>), credit_id: (webhook.data as { credit_id: string }).credit_id === result.creditId, customer_id: "-" },
      deliveries: webhook.deliveries.map((d) => ({ endpoint: d.endpointId === endpointId, status: d.status })),
    },
    credit: { ...credit, id: "-", customerId: "-", createdById: credit.createdById === actorId, createdAt: "-", updatedAt: "-" },
    events: events.map((e) => ({ ...e, id: "-", seq: "-", customerId: "-", creditId: e.creditId === result.creditId, actorId: e.actorId === actorId, operationId: "-", createdAt: "-" })),
    audit: {
      ...audit!,
      id: "-",
      actorId: audit!.actorId === actorId,
      actorRole: "-",
      entityId: audit!.entityId === result.creditId,
      customerId: audit!.customerId === result.customerId,
      createdAt: "-",
      details: { ...(audit!.details as Record<string, unknown>), customerId: "-", notificationId: (audit!.details as { notificationId: string }).notificationId === result.notificationId },
    },
    notification: notification && { ...notification, id: "-", customerId: "-", createdAt: "-", nextAttemptAt: "-" },
    stored: { requestHash: stored.requestHash.length, refusal: stored.refusal, result: stored.result === null ? null : "set" },
    balanceMinor: balance.balanceMinor,
    lastActivityMoved: customer.lastActivityAt > customer.createdAt,
  };
}

describe("issuing's fast path", () => {
  // A message naming the expiry date needs the store's date style: the general path writes those.
  it.each([
    { case: "a message without a date", overrides: { expiresAt: null, notifyCustomer: true } },
    { case: "an expiry without a message", overrides: { notifyCustomer: false } },
  ])("writes exactly the rows the general path writes, and its answer replays: $case", async ({ overrides }) => {
    const first = await createCustomer(t.db, { phone: "+1 555 010 2030" });
    const second = await createCustomer(t.db, { phone: "+1 555 010 2030" });
    const fastInput = inputFor(first.id, overrides);
    const generalInput = inputFor(second.id, overrides);

    const fast = await issueCreditFast(admin, fastInput);
    expect(fast).not.toBeNull();
    const general = (await issueCreditGeneral(admin, generalInput)) as IssueCreditResult;

    expect({ ...fast!, creditId: "-", customerId: "-", notificationId: "-" }).toEqual({ ...general, creditId: "-", customerId: "-", notificationId: "-" });
    expect(fast!.balanceMinor).toBe(1234n);
    const fastRows = await rowsOf(fast!, admin.actor.id, fastInput.idempotencyKey);
    expect(fastRows).toEqual(await rowsOf(general, admin.actor.id, generalInput.idempotencyKey));
    if (overrides.notifyCustomer) expect(fastRows.notification).toMatchObject({ channel: "SMS", recipient: "+1 555 010 2030", kind: "credit.received" });
    else expect(fastRows.credit.expiresAt).toEqual(new Date("2031-01-02T00:00:00Z"));

    // The key's stored answer (with the balance the database filled in) is what a replay gets.
    expect(await issueCredit(admin, fastInput)).toEqual(fast);
  });

  it("sends the notification by email when the customer has no phone, as channelFor says", async () => {
    const customer = await createCustomer(t.db, { phone: null });
    const fast = await issueCreditFast(admin, inputFor(customer.id, { expiresAt: null }));
    expect(await t.db.notification.findUniqueOrThrow({ where: { id: fast!.notificationId! } })).toMatchObject({ channel: "EMAIL", recipient: customer.email });
  });

  it("hands over, writing nothing, when the key is used, a check fails or the balance would pass its maximum", async () => {
    const customer = await createCustomer(t.db);
    const input = inputFor(customer.id, { notifyCustomer: false });
    expect(await issueCreditFast(admin, input)).not.toBeNull();
    const before = await t.db.creditEvent.count({ where: { customerId: customer.id } });

    expect(await issueCreditFast(admin, input)).toBeNull();
    expect(await issueCreditFast(admin, inputFor(customer.id, { categoryId: "00000000-0000-7000-8000-000000000000" }))).toBeNull();
    const overMax = inputFor(customer.id, { amount: "999999999" });
    expect(await issueCreditFast(admin, overMax)).toBeNull();
    // A message naming the expiry date: the general path reads the store's date style for it.
    expect(await issueCreditFast(admin, inputFor(customer.id))).toBeNull();
    // An actor with limits: the general path reads, locks and records them.
    expect(await issueCreditFast(agent, inputFor(customer.id))).toBeNull();

    expect(await t.db.creditEvent.count({ where: { customerId: customer.id } })).toBe(before);
    expect(await t.db.idempotencyKey.count({ where: { actorId: admin.actor.id, key: input.idempotencyKey } })).toBe(1);
    // The over-maximum call gave its key back: the general path claims it and stores the refusal.
    expect(await t.db.idempotencyKey.count({ where: { key: overMax.idempotencyKey } })).toBe(0);
  });
});
