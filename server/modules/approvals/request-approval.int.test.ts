import { afterAll, beforeAll, describe, expect, it } from "vitest";
import superjson from "superjson";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { newKey, serviceContextAs } from "@/tests/factories/credits";
import { moneyTransaction } from "@/server/lib/money-transaction";
import { requestApproval } from "./request-approval";

let t: TestDb;

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

describe("requestApproval", () => {
  it("files a PENDING request with the full input, expiring in 7 days, and its audit row", async () => {
    const support = await serviceContextAs(t.db, "SUPPORT_AGENT");
    const customer = await createCustomer(t.db);
    const input = { idempotencyKey: newKey(), customerId: customer.id, amountMinor: 50_000n, currency: "USD" };
    const pending = await moneyTransaction(t.db, (tx) =>
      requestApproval(tx, support.actor, {
        operation: "credit.issue",
        input,
        customerId: customer.id,
        amountMinor: 50_000n,
        currency: "USD",
        limitReason: "above your US$100.00 single-credit limit",
        requesterNote: "Goodwill",
      }),
    );
    expect(pending.approvalRequest).toMatchObject({ status: "PENDING", limitReason: "above your US$100.00 single-credit limit" });
    const [row] = await t.db.$queryRaw<{ status: string; input: unknown; idempotencyKey: string; days: number }[]>`
      SELECT status, input, idempotency_key AS "idempotencyKey",
             round(extract(epoch FROM expires_at - created_at) / 86400)::int AS days
      FROM approval_request WHERE id = ${pending.approvalRequest.id}::uuid`;
    expect(row).toMatchObject({ status: "PENDING", idempotencyKey: input.idempotencyKey, days: 7 });
    expect(superjson.deserialize(row!.input as Parameters<typeof superjson.deserialize>[0])).toEqual(input);
    const audits = await t.db.$queryRaw<{ action: string; actorId: string }[]>`
      SELECT action, actor_id::text AS "actorId" FROM audit_log WHERE entity_id = ${pending.approvalRequest.id}`;
    expect(audits).toEqual([{ action: "approval.request", actorId: support.actor.id }]);
  });
});
