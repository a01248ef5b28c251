// Stripe's rule for a concurrent duplicate, on every POST route of the Storefront API: while the
// first request is still inside its transaction, the same Idempotency-Key is refused at once
// (409 IDEMPOTENCY_IN_FLIGHT, Retry-After), never waited for; once the first has committed, the
// same key replays its answer. The test holds a lock the first request needs (its balance row, or
// the customer's identity lock), so "still running" is a fact the test controls, not a timing.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openTestDb, uniqueEmail, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer, uniqueWord } from "@/tests/factories/customers";
import { callApi, createTestApiKey, type ApiAnswer, type TestApiKey } from "@/tests/helpers/storefront-api";
import { API_ROUTES } from "./route-registry";

const target = inject("testDatabase");
let t: TestDb;
let setupKey: TestApiKey;

beforeAll(async () => {
  t = await openTestDb();
  setupKey = await createTestApiKey(t.db);
});
afterAll(() => t.close());

type Blocker = { sql: string; params: unknown[] };
/** `actions`: the audit rows one request writes (counted under a key of the case's own). */
type Case = { path: string; body: Record<string, unknown>; blocker: Blocker; actions: string[] };

const balanceRow = (customerId: string): Blocker => ({
  sql: "SELECT 1 FROM credit_balance WHERE customer_id = $1::uuid AND currency = 'USD' FOR UPDATE",
  params: [customerId],
});

async function fundedCustomer() {
  const customer = await createCustomer(t.db);
  const issued = await callApi(t.db, { path: `/customers/${customer.id}/credits`, key: setupKey, body: { amount: "100.00", currency: "USD" } });
  expect(issued.status).toBe(201);
  return customer.id;
}

async function placedHold() {
  const customerId = await fundedCustomer();
  const placed = await callApi(t.db, { path: "/holds", key: setupKey, body: { customer_id: customerId, amount: "20.00", currency: "USD", order_ref: "ORDER-IN-FLIGHT" } });
  expect(placed.status).toBe(201);
  return { customerId, holdId: placed.body.hold.id as string };
}

/** One case per POST route (operationId): the state it needs and the lock that stops its first request midway. */
const CASES: Record<string, () => Promise<Case>> = {
  upsertCustomer: async () => {
    const externalId = `shop-${uniqueWord()}`;
    return {
      path: "/customers",
      body: { external_id: externalId, email: uniqueEmail(), first_name: "Ada", last_name: "Lovelace" },
      blocker: { sql: "SELECT pg_advisory_xact_lock(hashtextextended('customer.external_id ' || $1::text, 0))", params: [externalId] },
      actions: ["customer.create"],
    };
  },
  issueCredit: async () => {
    const customerId = await fundedCustomer();
    return { path: `/customers/${customerId}/credits`, body: { amount: "5.00", currency: "USD" }, blocker: balanceRow(customerId), actions: ["credit.issue"] };
  },
  placeHold: async () => {
    const customerId = await fundedCustomer();
    return { path: "/holds", body: { customer_id: customerId, amount: "10.00", currency: "USD", order_ref: "ORDER-1" }, blocker: balanceRow(customerId), actions: ["hold.place"] };
  },
  captureHold: async () => {
    const { customerId, holdId } = await placedHold();
    return { path: `/holds/${holdId}/capture`, body: { amount: "15.00" }, blocker: balanceRow(customerId), actions: ["credit.spend", "hold.capture"] };
  },
  releaseHold: async () => {
    const { customerId, holdId } = await placedHold();
    return { path: `/holds/${holdId}/release`, body: {}, blocker: balanceRow(customerId), actions: ["hold.release"] };
  },
  reverseSpend: async () => {
    const { customerId, holdId } = await placedHold();
    const captured = await callApi(t.db, { path: `/holds/${holdId}/capture`, key: setupKey, body: {} });
    expect(captured.status).toBe(200);
    return { path: `/spends/${captured.body.spend.operation_id as string}/reverse`, body: {}, blocker: balanceRow(customerId), actions: ["credit.reverse_spend"] };
  },
};

/** Polls the database (not the clock) until `sql` finds a session; bounded, so a missing session fails. */
async function sessionWhere(client: pg.Client, sql: string, params: unknown[], isStopped: () => boolean = () => false): Promise<number | null> {
  for (let i = 0; i < 1_000 && !isStopped(); i++) {
    const { rows } = await client.query<{ pid: number }>(sql, params);
    if (rows[0]) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (isStopped()) return null;
  throw new Error(`No session matched: ${sql}`);
}

const BLOCKED_BY = "SELECT pid FROM pg_stat_activity WHERE $1::int = ANY (pg_blocking_pids(pid)) LIMIT 1";

async function auditActionsOf(apiKeyId: string) {
  const rows = await t.db.$queryRaw<{ action: string }[]>`SELECT action FROM audit_log WHERE api_key_id = ${apiKeyId}::uuid ORDER BY action`;
  return rows.map((row) => row.action);
}

describe.skipIf(target.kind === "pglite")("a duplicate POST while the first is still running", () => {
  it("covers every POST route of the registry", () => {
    const posts = API_ROUTES.filter((route) => route.method === "POST").map((route) => route.operationId);
    expect(Object.keys(CASES).sort()).toEqual([...posts].sort());
  });

  for (const [operationId, prepare] of Object.entries(CASES)) {
    it(`${operationId}: 409 IDEMPOTENCY_IN_FLIGHT with Retry-After at once, then the first answer replayed`, async () => {
      const c = await prepare();
      // A key of its own, so the audit rows counted below are this case's calls alone.
      const key = await createTestApiKey(t.db);
      const idempotencyKey = randomUUID();
      const send = () => callApi(t.db, { path: c.path, key, body: c.body, idempotencyKey });

      const holder = new pg.Client({ connectionString: (target as { url: string }).url });
      const watcher = new pg.Client({ connectionString: (target as { url: string }).url });
      await Promise.all([holder.connect(), watcher.connect()]);
      try {
        await holder.query("BEGIN");
        await holder.query(c.blocker.sql, c.blocker.params);
        const holderPid = (await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;

        const first = send();
        // The first request is inside its transaction (its key taken), waiting for the test's lock.
        const firstPid = (await sessionWhere(watcher, BLOCKED_BY, [holderPid]))!;

        // The duplicate either answers, or ends up waiting for the first (the wrong behaviour): whichever comes first.
        let isAnswered = false;
        const duplicate = send().finally(() => (isAnswered = true));
        const outcome = await Promise.race([
          duplicate.then((answer): { kind: "answered"; answer: ApiAnswer } => ({ kind: "answered", answer })),
          sessionWhere(watcher, BLOCKED_BY, [firstPid], () => isAnswered).then((pid) => ({ kind: "waited" as const, pid })),
        ]);
        await holder.query("COMMIT");
        expect(outcome.kind).toBe("answered");
        const refused = (outcome as { answer: ApiAnswer }).answer;
        expect(refused.status).toBe(409);
        expect(refused.body.error).toMatchObject({ code: "IDEMPOTENCY_IN_FLIGHT", field: "Idempotency-Key" });
        expect(refused.headers.get("retry-after")).toBe("1");

        const firstAnswer = await first;
        expect(firstAnswer.status).toBeGreaterThanOrEqual(200);
        expect(firstAnswer.status).toBeLessThan(300);
        // Sent after the first committed: the same answer, replayed.
        const retry = await send();
        expect(retry.status).toBe(firstAnswer.status);
        expect(retry.body).toEqual(firstAnswer.body);
        // One effect: the first request's audit rows, nothing from the duplicate or the retry.
        expect(await auditActionsOf(key.id)).toEqual(c.actions);
      } finally {
        await holder.query("ROLLBACK").catch(() => undefined);
        await Promise.all([holder.end(), watcher.end()]);
      }
    });
  }
});
