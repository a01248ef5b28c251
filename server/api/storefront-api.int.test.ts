// The Storefront API end to end through its handler on the real database: keys (revoked,
// expired, scopes), the per-key rate limit, Stripe's idempotency rules, refusals that write
// nothing, and the ledger and audit log naming the key.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openTestDb, uniqueEmail, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer, uniqueWord } from "@/tests/factories/customers";
import { callerAs } from "@/tests/factories/staff";
import { callApi, createTestApiKey, type TestApiKey } from "@/tests/helpers/storefront-api";
import { issueCreditFast, issueCreditGeneral } from "@/server/modules/credits/issue-credit";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";
import { uuid5 } from "./idempotency-key";

let t: TestDb;
let key: TestApiKey;
const onPglite = inject("testDatabase").kind === "pglite";

beforeAll(async () => {
  t = await openTestDb();
  key = await createTestApiKey(t.db);
});
afterAll(() => t.close());

const issue = (customerId: string, body: Record<string, unknown> = {}, extra: { idempotencyKey?: string; key?: TestApiKey } = {}) =>
  callApi(t.db, { path: `/customers/${customerId}/credits`, key: extra.key ?? key, body: { amount: "12.50", currency: "USD", ...body }, idempotencyKey: extra.idempotencyKey });

/** Until some session of this database waits for a lock in a statement containing `statement`. */
async function waitForLockWait(statement: string) {
  for (let i = 0; i < 200; i++) {
    const [row] = await t.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE ${`%${statement}%`}`;
    if (row!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`No session waited on a lock in ${statement}`);
}

/** Rows the API key's calls wrote, for "writes nothing". */
async function writtenBy(apiKeyId: string) {
  const [row] = await t.db.$queryRaw<{ events: number; audits: number; credits: number }[]>`
    SELECT (SELECT count(*)::int FROM credit_event WHERE api_key_id = ${apiKeyId}::uuid) AS events,
           (SELECT count(*)::int FROM audit_log WHERE api_key_id = ${apiKeyId}::uuid) AS audits,
           (SELECT count(*)::int FROM store_credit sc JOIN credit_event e ON e.credit_id = sc.id WHERE e.api_key_id = ${apiKeyId}::uuid) AS credits`;
  return row!;
}

describe("API keys", () => {
  it("refuses a request without a key, with an unknown key and with a malformed header (401)", async () => {
    for (const auth of [null, "cd_live_unknown", "x".repeat(300)]) {
      const answer = await callApi(t.db, { path: `/customers/${randomUUID()}`, key: auth });
      expect(answer.status).toBe(401);
      expect(answer.body.error).toMatchObject({ code: "UNAUTHORIZED", field: "Authorization" });
      expect(answer.headers.get("www-authenticate")).toBe("Bearer");
    }
  });

  it("refuses a revoked key at once (401), on the very next request", async () => {
    const own = await createTestApiKey(t.db);
    const customer = await createCustomer(t.db);
    expect((await callApi(t.db, { path: `/customers/${customer.id}`, key: own })).status).toBe(200);
    await t.db.$executeRaw`UPDATE api_key SET revoked_at = now() WHERE id = ${own.id}::uuid`;
    const answer = await callApi(t.db, { path: `/customers/${customer.id}`, key: own });
    expect(answer.status).toBe(401);
    expect(answer.body.error.message).toBe("This API key was revoked");
  });

  it("refuses an expired key (401)", async () => {
    const own = await createTestApiKey(t.db, undefined, { expiresAt: new Date(Date.now() + 60_000) });
    await t.db.$executeRaw`UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = ${own.id}::uuid`;
    const answer = await callApi(t.db, { path: `/customers/${randomUUID()}`, key: own });
    expect(answer.status).toBe(401);
    expect(answer.body.error.message).toBe("This API key has expired");
  });

  it("refuses a key without the route's scope (403) and writes nothing", async () => {
    const readOnly = await createTestApiKey(t.db, ["customers:read", "balances:read"]);
    const customer = await createCustomer(t.db);
    const answer = await issue(customer.id, {}, { key: readOnly });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toEqual({ code: "FORBIDDEN", message: "This API key lacks the “credits:issue” scope", field: null });
    expect(await writtenBy(readOnly.id)).toEqual({ events: 0, audits: 0, credits: 0 });
    expect((await callApi(t.db, { path: `/customers/${customer.id}/balances`, key: readOnly })).status).toBe(200);
  });

  it("records when a key was last used", async () => {
    const own = await createTestApiKey(t.db);
    await callApi(t.db, { path: `/customers/${randomUUID()}`, key: own });
    const [row] = await t.db.$queryRaw<{ lastUsedAt: Date | null }[]>`SELECT last_used_at AS "lastUsedAt" FROM api_key WHERE id = ${own.id}::uuid`;
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
  });
});

describe("the per-key rate limit", () => {
  it("answers 429 with Retry-After past the limit, and counts each key on its own", async () => {
    const busy = await createTestApiKey(t.db);
    const other = await createTestApiKey(t.db);
    const path = `/customers/${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => callApi(t.db, { path, key: busy, rateLimitPerSecond: 3 })));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.body.error.code).toBe("RATE_LIMITED");
    expect((await callApi(t.db, { path, key: other, rateLimitPerSecond: 3 })).status).toBe(404);
  });
});

describe("idempotency (Stripe's rules, per API key)", () => {
  it("replays the first answer for the same key and body, moving money once", async () => {
    const customer = await createCustomer(t.db);
    const idempotencyKey = randomUUID();
    const first = await issue(customer.id, {}, { idempotencyKey });
    const again = await issue(customer.id, {}, { idempotencyKey });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const events = await t.db.creditEvent.count({ where: { customerId: customer.id } });
    expect(events).toBe(1);
  });

  it("refuses the same key with another body (422)", async () => {
    const customer = await createCustomer(t.db);
    const idempotencyKey = randomUUID();
    expect((await issue(customer.id, {}, { idempotencyKey })).status).toBe(201);
    const other = await issue(customer.id, { amount: "99.00" }, { idempotencyKey });
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ code: "IDEMPOTENCY_MISMATCH", field: "Idempotency-Key" });
    expect(await t.db.creditEvent.count({ where: { customerId: customer.id } })).toBe(1);
  });

  // PGlite has one connection: a second request waits for the first's transaction instead of overlapping it.
  it.skipIf(onPglite)("refuses a duplicate while the first is still running (409, retryable), then replays the first", async () => {
    const customer = await createCustomer(t.db);
    expect((await issue(customer.id, { amount: "1.00" })).status).toBe(201);
    const idempotencyKey = randomUUID();
    // Someone else holds the customer's balance row, so the first request stops inside its transaction.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = t.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT balance_minor FROM credit_balance WHERE customer_id = ${customer.id}::uuid FOR UPDATE`;
        locked();
        await released;
      },
      { timeout: 20_000 },
    );
    await isLocked;
    const first = issue(customer.id, {}, { idempotencyKey });
    // The fast path's one statement (credit_issue_write) waits for the balance row, holding the key's lock.
    await waitForLockWait("credit_issue_write");
    const duplicate = await issue(customer.id, {}, { idempotencyKey });
    release();
    await holder;
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: "IDEMPOTENCY_IN_FLIGHT", field: "Idempotency-Key" });
    expect(duplicate.headers.get("retry-after")).toBe("1");
    const firstAnswer = await first;
    expect(firstAnswer.status).toBe(201);
    const retry = await issue(customer.id, {}, { idempotencyKey });
    expect(retry.body).toEqual(firstAnswer.body);
    expect(await t.db.creditEvent.count({ where: { customerId: customer.id } })).toBe(2);
  });

  it("keeps keys apart per API key: another key's same header is another request", async () => {
    const customer = await createCustomer(t.db);
    const second = await createTestApiKey(t.db);
    const idempotencyKey = randomUUID();
    const a = await issue(customer.id, {}, { idempotencyKey });
    const b = await issue(customer.id, { amount: "1.00" }, { idempotencyKey, key: second });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.credit_id).not.toBe(a.body.credit_id);
  });

  it("replays for 24 hours: after that the same key starts a new request", async () => {
    const customer = await createCustomer(t.db);
    const idempotencyKey = randomUUID();
    expect((await issue(customer.id, {}, { idempotencyKey })).status).toBe(201);
    await t.db.$executeRaw`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE actor_id = ${key.id}::uuid AND key = ${uuid5(idempotencyKey)}::uuid`;
    const later = await issue(customer.id, { amount: "3.00" }, { idempotencyKey });
    expect(later.status).toBe(201);
    expect(later.body.amount).toEqual({ amount: "3.00", currency: "USD", amount_minor: "300" });
  });

  it("requires an Idempotency-Key on every POST (400 on the header)", async () => {
    const customer = await createCustomer(t.db);
    const answer = await callApi(t.db, { path: `/customers/${customer.id}/credits`, key, body: { amount: "1.00", currency: "USD" }, idempotencyKey: null });
    expect(answer.status).toBe(400);
    expect(answer.body.error.field).toBe("Idempotency-Key");
  });
});

describe("bad input", () => {
  it.each([
    [{ amount: "abc" }, 400, "amount"],
    [{ amount: "-5.00" }, 400, "amount"],
    [{ amount: "1.001" }, 400, "amount"],
    [{ currency: "usd" }, 400, "currency"],
    [{ currency: "XXX" }, 400, "currency"],
    [{ currency: "SEK" }, 400, "currency"],
    [{ category_id: "nope" }, 400, "category_id"],
    [{ expires_at: "tomorrow" }, 400, "expires_at"],
    [{ expires_at: "2001-01-01T00:00:00Z" }, 400, "expires_at"],
  ])("refuses %j with %i on its field and writes nothing", async (body, status, field) => {
    const own = await createTestApiKey(t.db);
    const customer = await createCustomer(t.db);
    const answer = await issue(customer.id, body, { key: own });
    expect(answer.status).toBe(status);
    expect(answer.body.error.field).toBe(field);
    expect(answer.body.error.code).toBe("BAD_INPUT");
    expect(typeof answer.body.error.message).toBe("string");
    expect(await writtenBy(own.id)).toEqual({ events: 0, audits: 0, credits: 0 });
  });

  it("answers an unknown customer with 404 on customer_id and writes nothing", async () => {
    const own = await createTestApiKey(t.db);
    for (const id of [randomUUID(), "not-a-uuid"]) {
      const answer = await issue(id, {}, { key: own });
      expect(answer.status).toBe(404);
      expect(answer.body.error).toMatchObject({ code: "NOT_FOUND", field: "customer_id" });
    }
    expect(await writtenBy(own.id)).toEqual({ events: 0, audits: 0, credits: 0 });
  });

  it("refuses a body that is not JSON, and a missing one", async () => {
    const customer = await createCustomer(t.db);
    for (const body of ["{not json", ""]) {
      const answer = await callApi(t.db, { method: "POST", path: `/customers/${customer.id}/credits`, key, body });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe("BAD_INPUT");
    }
  });

  it("answers unknown routes with 404 and wrong methods with 405", async () => {
    expect((await callApi(t.db, { path: "/nothing-here", key })).status).toBe(404);
    const wrong = await callApi(t.db, { method: "DELETE", path: `/customers/${randomUUID()}`, key });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
  });
});

describe("attribution", () => {
  it("names the key in the ledger and the audit log, with no staff actor", async () => {
    const own = await createTestApiKey(t.db, ["credits:issue"], { name: `Shop checkout ${uniqueWord()}` });
    const customer = await createCustomer(t.db);
    const answer = await issue(customer.id, { memo: "order 1001" }, { key: own });
    expect(answer.status).toBe(201);
    const event = await t.db.creditEvent.findFirstOrThrow({ where: { creditId: answer.body.credit_id } });
    expect(event).toMatchObject({ actorId: null, apiKeyId: own.id, type: "ISSUED", amountMinor: 1250n });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: answer.body.credit_id } });
    expect(audit).toMatchObject({ action: "credit.issue", actorId: null, actorRole: null, apiKeyId: own.id, customerId: customer.id });
    expect(audit.details).toMatchObject({ apiKeyName: own.name, amountMinor: "1250" });
    const { caller } = await callerAs(t.db, "ADMIN");
    const shown = await caller.audit.get({ entryId: audit.id });
    expect(shown).toMatchObject({ actor: null, apiKey: { id: own.id, name: own.name } });
  });

  it("issues an API key's credit on the admin's one-statement fast path, writing what the general path writes", async () => {
    const own = await createTestApiKey(t.db, ["credits:issue"], { name: `Fast ${uniqueWord()}` });
    const customer = await createCustomer(t.db);
    const ctx = { db: t.db, actor: null, apiKey: { id: own.id, name: own.name } };
    const input = (amountMinor: bigint) => ({
      idempotencyKey: randomUUID(),
      customerId: customer.id,
      amount: "1.00",
      amountMinor,
      currency: "USD",
      categoryId: DEFAULT_CATEGORY_IDS.goodwill,
      memo: "fast or general",
      expiresAt: null,
      notifyCustomer: false,
    });
    const fast = await issueCreditFast(ctx, input(100n));
    expect(fast).toMatchObject({ customerId: customer.id, amountMinor: 100n, balanceMinor: 100n });
    const general = await issueCreditGeneral(ctx, input(200n));
    expect(general).toMatchObject({ amountMinor: 200n, balanceMinor: 300n });
    const rowsOf = async (creditId: string) => {
      const event = await t.db.creditEvent.findFirstOrThrow({ where: { creditId }, select: { actorId: true, apiKeyId: true, type: true, memo: true } });
      const credit = await t.db.storeCredit.findUniqueOrThrow({ where: { id: creditId }, select: { createdById: true, categoryId: true } });
      const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: creditId }, select: { action: true, actorId: true, actorRole: true, apiKeyId: true, details: true, after: true } });
      const details = { ...(audit.details as Record<string, unknown>), amountMinor: null };
      const webhook = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM idempotency_key WHERE actor_id = ${own.id}::uuid AND result->'json'->>'creditId' = ${creditId}`;
      return { event, credit, audit: { ...audit, details, after: { ...(audit.after as Record<string, unknown>), amountMinor: null } }, keyRows: webhook[0]!.n };
    };
    const [fastRows, generalRows] = [await rowsOf((fast as { creditId: string }).creditId), await rowsOf((general as { creditId: string }).creditId)];
    expect(fastRows).toEqual(generalRows);
    expect(fastRows).toMatchObject({ event: { actorId: null, apiKeyId: own.id }, audit: { actorId: null, actorRole: null, apiKeyId: own.id, details: { apiKeyName: own.name, category: "Goodwill" } }, keyRows: 1 });
  });

  it("shows the key as the actor in the credit history", async () => {
    const own = await createTestApiKey(t.db, ["credits:issue", "balances:read"], { name: `ERP ${uniqueWord()}` });
    const customer = await createCustomer(t.db);
    await issue(customer.id, {}, { key: own });
    const history = await callApi(t.db, { path: `/customers/${customer.id}/credit-history`, key: own });
    expect(history.body.data[0].by).toEqual({ kind: "api_key", name: `API key “${own.name}”` });
  });
});

describe("customers, balances and history", () => {
  it("upserts a customer by external id and finds it by id, external id and email", async () => {
    const externalId = `shop-${uniqueWord()}`;
    const email = uniqueEmail("shopper");
    const created = await callApi(t.db, { path: "/customers", key, body: { external_id: externalId, email: email.toUpperCase(), first_name: "Ada", last_name: "Lovelace" } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ external_id: externalId, email, first_name: "Ada", phone: null, created: true });
    const updated = await callApi(t.db, { path: "/customers", key, body: { external_id: externalId, email, first_name: "Ada", last_name: "King", phone: "+44 20 7946 0000" } });
    expect(updated.body).toMatchObject({ id: created.body.id, last_name: "King", phone: "+44 20 7946 0000", created: false });

    for (const path of [`/customers/${created.body.id}`, `/customers/by-external-id/${encodeURIComponent(externalId)}`, `/customers/by-email/${encodeURIComponent(email.toUpperCase())}`]) {
      const found = await callApi(t.db, { path, key });
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({ id: created.body.id, last_name: "King" });
    }
    const audits = await t.db.auditLog.findMany({ where: { entityId: created.body.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => [a.action, a.apiKeyId])).toEqual([
      ["customer.create", key.id],
      ["customer.update", key.id],
    ]);
    const search = await t.db.customer.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(search.searchName).toBe("ada king");
  });

  it("refuses an email that belongs to another customer (409) and writes nothing", async () => {
    const other = await createCustomer(t.db);
    const own = await createTestApiKey(t.db, ["customers:write"]);
    const answer = await callApi(t.db, { path: "/customers", key: own, body: { external_id: `shop-${uniqueWord()}`, email: other.email, first_name: "A", last_name: "B" } });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: "CONFLICT", field: "email" });
    expect(await writtenBy(own.id)).toEqual({ events: 0, audits: 0, credits: 0 });
  });

  it("refuses bad customer fields on their own field names", async () => {
    const answer = await callApi(t.db, { path: "/customers", key, body: { external_id: "", email: "not-an-email", first_name: "A", last_name: "B" } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.field).toBe("external_id");
    const noName = await callApi(t.db, { path: "/customers", key, body: { external_id: "x1", email: uniqueEmail(), first_name: " ", last_name: "B" } });
    expect(noName.body.error.field).toBe("first_name");
  });

  it("answers balances per currency and pages the history with a cursor", async () => {
    const customer = await createCustomer(t.db);
    for (const amount of ["1.00", "2.00", "3.00"]) expect((await issue(customer.id, { amount })).status).toBe(201);
    const balances = await callApi(t.db, { path: `/customers/${customer.id}/balances`, key });
    expect(balances.body.balances).toEqual([
      { currency: "USD", total: { amount: "6.00", currency: "USD", amount_minor: "600" }, held: { amount: "0.00", currency: "USD", amount_minor: "0" }, spendable: { amount: "6.00", currency: "USD", amount_minor: "600" } },
    ]);
    const first = await callApi(t.db, { path: `/customers/${customer.id}/credit-history?limit=2`, key });
    expect(first.body.data.map((op: { amount: { amount: string } }) => op.amount.amount)).toEqual(["3.00", "2.00"]);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await callApi(t.db, { path: `/customers/${customer.id}/credit-history?limit=2&cursor=${first.body.next_cursor}`, key });
    expect(second.body.data.map((op: { amount: { amount: string } }) => op.amount.amount)).toEqual(["1.00"]);
    expect(second.body.next_cursor).toBeNull();
    const bad = await callApi(t.db, { path: `/customers/${customer.id}/credit-history?limit=500`, key });
    expect(bad.body.error).toMatchObject({ code: "BAD_INPUT", field: "limit" });
    const crafted = await callApi(t.db, { path: `/customers/${customer.id}/credit-history?cursor=abc`, key });
    expect(crafted.body.error).toMatchObject({ code: "BAD_INPUT", field: "cursor" });
  });
});
