// A checkout over the Storefront API: hold, partial capture (the rest released), cancel (reverse),
// with the refusals a shop's code will meet; the balances answer shows what is held.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { callApi, createTestApiKey, type TestApiKey } from "@/tests/helpers/storefront-api";
import { serviceContextAs } from "@/tests/factories/credits";
import { createWebhookEndpoint, deleteWebhookEndpoint } from "@/server/modules/webhooks/webhooks.service";

let t: TestDb;
let key: TestApiKey;

beforeAll(async () => {
  t = await openTestDb();
  key = await createTestApiKey(t.db);
});
afterAll(() => t.close());

async function fundedCustomer(amount = "100.00") {
  const customer = await createCustomer(t.db);
  const issued = await callApi(t.db, { path: `/customers/${customer.id}/credits`, key, body: { amount, currency: "USD" } });
  expect(issued.status).toBe(201);
  return customer.id;
}

const hold = (customerId: string, amount: string, extra: { currency?: string; idempotencyKey?: string } = {}) =>
  callApi(t.db, { path: "/holds", key, idempotencyKey: extra.idempotencyKey, body: { customer_id: customerId, amount, currency: extra.currency ?? "USD", order_ref: "ORDER-1001" } });

const balances = async (customerId: string) => (await callApi(t.db, { path: `/customers/${customerId}/balances`, key })).body.balances[0];

describe("checkout with store credit over the API", () => {
  it("holds 20.00, captures 15.00 (the rest released), and a cancelled order's reversal puts it back once", async () => {
    const customerId = await fundedCustomer();
    const placed = await hold(customerId, "20.00");
    expect(placed.status).toBe(201);
    expect(placed.body.balance.spendable.amount).toBe("80.00");
    expect(await balances(customerId)).toMatchObject({ total: { amount: "100.00" }, held: { amount: "20.00" }, spendable: { amount: "80.00" } });

    const captured = await callApi(t.db, { path: `/holds/${placed.body.hold.id}/capture`, key, body: { amount: "15.00" } });
    expect(captured.status).toBe(200);
    expect(captured.body).toMatchObject({ hold: { status: "CAPTURED", captured: { amount: "15.00" } }, spend: { amount: { amount: "15.00" } } });
    expect(await balances(customerId)).toMatchObject({ total: { amount: "85.00" }, held: { amount: "0.00" }, spendable: { amount: "85.00" } });

    const again = await callApi(t.db, { path: `/holds/${placed.body.hold.id}/capture`, key, body: {} });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);

    const spendId = captured.body.spend.operation_id as string;
    const reversed = await callApi(t.db, { path: `/spends/${spendId}/reverse`, key, body: {} });
    expect(reversed.status).toBe(200);
    expect(reversed.body.balance.amount).toBe("100.00");
    const twice = await callApi(t.db, { path: `/spends/${spendId}/reverse`, key, body: {} });
    expect(twice.status).toBeGreaterThanOrEqual(400);
    expect(twice.status).toBeLessThan(500);
    expect(await balances(customerId)).toMatchObject({ total: { amount: "100.00" }, spendable: { amount: "100.00" } });
  });

  it("tells subscribed webhook endpoints: hold.created, hold.captured and hold.released, in the same transactions", async () => {
    const admin = await serviceContextAs(t.db, "ADMIN");
    // A public address (no job runs here to deliver): the outbox rows are what is checked.
    const endpoint = await createWebhookEndpoint(admin, { url: "https://93.184.216.34/creditdesk-holds-test", description: "holds test", events: ["hold.created", "hold.captured", "hold.released"] });
    try {
      const customerId = await fundedCustomer("50.00");
      const captured = (await hold(customerId, "10.00")).body.hold.id as string;
      const released = (await hold(customerId, "5.00")).body.hold.id as string;
      await callApi(t.db, { path: `/holds/${captured}/capture`, key, body: { amount: "7.00" } });
      await callApi(t.db, { path: `/holds/${released}/release`, key, body: {} });
      const events = await t.db.$queryRaw<{ type: string; holdId: string; capturedMinor: string }[]>`
        SELECT type, data->>'hold_id' AS "holdId", data->>'captured_minor' AS "capturedMinor" FROM webhook_event
        WHERE data->>'customer_id' = ${customerId} ORDER BY created_at, type`;
      expect(events.map((e) => [e.type, e.holdId, e.capturedMinor])).toEqual([
        ["hold.created", captured, "0"],
        ["hold.created", released, "0"],
        ["hold.captured", captured, "700"],
        ["hold.released", released, "0"],
      ]);
    } finally {
      await deleteWebhookEndpoint(admin, endpoint.id);
    }
  });

  it("tells a subscribed endpoint customer.updated when an upsert changes a customer, and not when nothing changed", async () => {
    const admin = await serviceContextAs(t.db, "ADMIN");
    const endpoint = await createWebhookEndpoint(admin, { url: "https://93.184.216.34/creditdesk-customers-test", description: "customers test", events: ["customer.updated"] });
    try {
      const externalId = `shop-${randomUUID()}`;
      const body = { external_id: externalId, email: `${externalId}@example.test`, first_name: "Ada", last_name: "Shop", phone: "+1 555 0101" };
      expect((await callApi(t.db, { path: "/customers", key, body })).status).toBeLessThan(300);
      expect((await callApi(t.db, { path: "/customers", key, body })).status).toBeLessThan(300);
      expect((await callApi(t.db, { path: "/customers", key, body: { ...body, first_name: "Adele" } })).status).toBeLessThan(300);
      const events = await t.db.$queryRaw<{ firstName: string }[]>`
        SELECT data->>'first_name' AS "firstName" FROM webhook_event WHERE type = 'customer.updated' AND data->>'external_id' = ${externalId}`;
      expect(events).toEqual([{ firstName: "Adele" }]);
    } finally {
      await deleteWebhookEndpoint(admin, endpoint.id);
    }
  });

  it("releases a hold back to the spendable balance, and replays a retried release", async () => {
    const customerId = await fundedCustomer("30.00");
    const placed = await hold(customerId, "30.00");
    expect((await hold(customerId, "0.01")).body.error).toMatchObject({ field: expect.any(String) });
    const idempotencyKey = randomUUID();
    const released = await callApi(t.db, { path: `/holds/${placed.body.hold.id}/release`, key, idempotencyKey, body: {} });
    expect(released.status).toBe(200);
    expect(released.body.hold.status).toBe("RELEASED");
    const replay = await callApi(t.db, { path: `/holds/${placed.body.hold.id}/release`, key, idempotencyKey, body: {} });
    expect(replay.body).toEqual(released.body);
    expect((await balances(customerId)).spendable.amount).toBe("30.00");
  });

  it("refuses bad input with the field named and writes nothing", async () => {
    const customerId = await fundedCustomer("10.00");
    const refusals = [
      [await hold(customerId, "0,500"), "amount"],
      [await hold(customerId, "5.00", { currency: "EUR" }), null],
      [await hold(randomUUID(), "5.00"), null],
      [await hold(customerId, "10.01"), null],
    ] as const;
    for (const [answer, field] of refusals) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      if (field) expect(answer.body.error.field).toBe(field);
    }
    const placed = await hold(customerId, "4.00");
    const above = await callApi(t.db, { path: `/holds/${placed.body.hold.id}/capture`, key, body: { amount: "4.01" } });
    expect(above.status).toBeGreaterThanOrEqual(400);
    expect(above.status).toBeLessThan(500);
    expect(await balances(customerId)).toMatchObject({ total: { amount: "10.00" }, held: { amount: "4.00" }, spendable: { amount: "6.00" } });
    const holds = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM credit_hold WHERE customer_id = ${customerId}::uuid`;
    expect(holds[0]!.n).toBe(1);
  });
});
