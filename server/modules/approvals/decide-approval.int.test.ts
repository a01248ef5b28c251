// Four eyes on real PostgreSQL: approving runs the stored action exactly once under the requester's
// key; a refusal at approval time leaves the request pending; rejecting and expiry write only the decision.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { balanceOf, executed, issueTestCredit, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import { createTestPayment } from "@/tests/factories/payments";
import { refundTestPayment } from "@/tests/factories/refunds";
import { callerFor } from "@/tests/factories/staff";
import { fieldRefusal, refusal } from "@/tests/helpers/trpc-errors";
import type { ServiceContext } from "@/server/lib/service-context";
import { DEFAULT_CATEGORY_IDS, DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";
import { isApprovalPending, type ApprovalPending } from "./approvals.schema";
import { expireApprovals } from "./expire-approvals";

let t: TestDb;
let admin: ServiceContext;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
});
afterAll(() => t.close());

async function as(role: string) {
  const ctx = await serviceContextAs(t.db, role);
  return { ...ctx, caller: await callerFor(t.db, ctx.actor.id) };
}

const requestIdOf = (result: unknown) => {
  if (!isApprovalPending(result)) throw new Error("Expected an approval request");
  return (result as ApprovalPending).approvalRequest.id;
};

const creditInput = (customerId: string, amount: string) => ({
  idempotencyKey: newKey(),
  customerId,
  amount,
  currency: "USD",
  categoryId: DEFAULT_CATEGORY_IDS.goodwill,
  memo: "Late delivery",
});

const auditActionsOf = async (customerId: string) =>
  (await t.db.auditLog.findMany({ where: { customerId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { action: true, actorId: true } })).map(
    (row) => `${row.action}:${row.actorId ?? "system"}`,
  );

describe("approving a request", () => {
  it("runs the credit once as the approver; the requester's key then answers with the credit", async () => {
    const agent = await as("SUPPORT_AGENT");
    const manager = await as("MANAGER");
    const customer = await createCustomer(t.db);
    const input = creditInput(customer.id, "500.00");
    const requestId = requestIdOf(await agent.caller.credits.issue(input));

    const decided = await manager.caller.approvals.approve({ idempotencyKey: newKey(), requestId });

    expect(decided.request).toMatchObject({ status: "APPROVED", decidedBy: { id: manager.actor.id }, requester: { id: agent.actor.id } });
    expect(await balanceOf(t.db, customer.id)).toBe(50_000n);
    const replay = executed(await agent.caller.credits.issue(input));
    expect(replay).toMatchObject({ amountMinor: 50_000n, balanceMinor: 50_000n });
    expect(await t.db.storeCredit.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await auditActionsOf(customer.id)).toEqual([
      `approval.request:${agent.actor.id}`,
      `credit.issue:${manager.actor.id}`,
      `approval.approve:${manager.actor.id}`,
    ]);
    const issued = await t.db.auditLog.findFirstOrThrow({ where: { customerId: customer.id, action: "credit.issue" } });
    expect(issued.details).toMatchObject({ approvalRequestId: requestId, requestedById: agent.actor.id });
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
  });

  it("executes once when two managers approve at the same instant; the other is told who decided", async () => {
    const agent = await as("SUPPORT_AGENT");
    const [first, second] = [await as("MANAGER"), await as("MANAGER")];
    const customer = await createCustomer(t.db);
    const requestId = requestIdOf(await agent.caller.credits.issue(creditInput(customer.id, "400.00")));

    const outcomes = await Promise.allSettled([first, second].map((m) => m.caller.approvals.approve({ idempotencyKey: newKey(), requestId })));

    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const loser = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    const winner = (outcomes.find((o) => o.status === "fulfilled") as PromiseFulfilledResult<{ request: { decidedBy: { name: string } | null } }>).value;
    const refused = await refusal(Promise.reject(loser.reason));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(new RegExp(`^Already approved by ${winner.request.decidedBy!.name} on \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d UTC$`));
    expect(await balanceOf(t.db, customer.id)).toBe(40_000n);
    expect(await t.db.storeCredit.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { customerId: customer.id, action: "approval.approve" } })).toBe(1);
  });

  it("refuses the requester approving their own request", async () => {
    // A custom role that may decide approvals but has no USD limits: every amount needs approval.
    const role = await t.db.role.create({ data: { key: crypto.randomUUID(), name: "Lead without limits", permissions: ["customers:read", "credits:issue", "approvals:decide"] } });
    const lead = await as(role.key);
    const customer = await createCustomer(t.db);
    const requestId = requestIdOf(await lead.caller.credits.issue(creditInput(customer.id, "1.00")));

    expect(await refusal(lead.caller.approvals.approve({ idempotencyKey: newKey(), requestId }))).toEqual({
      code: "FORBIDDEN",
      message: "Another staff member must decide on your own request",
    });
    expect(await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "PENDING" });
  });

  it("refuses an approver whose own limit the action exceeds, and the request stays pending", async () => {
    const role = await t.db.role.create({ data: { key: crypto.randomUUID(), name: "Lead with a limit", permissions: ["customers:read", "credits:issue", "approvals:decide"] } });
    await t.db.moneyLimit.create({ data: { roleKey: role.key, currency: "USD", maxCreditMinor: 20_000n } });
    const agent = await as("SUPPORT_AGENT");
    const lead = await as(role.key);
    const customer = await createCustomer(t.db);
    const requestId = requestIdOf(await agent.caller.credits.issue(creditInput(customer.id, "300.00")));

    const refused = await refusal(lead.caller.approvals.approve({ idempotencyKey: newKey(), requestId }));

    expect(refused).toEqual({ code: "FORBIDDEN", message: "You cannot approve this: it is above your US$200.00 single-credit limit. Someone with a higher limit must approve it" });
    expect(await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "PENDING", decidedById: null });
    expect(await balanceOf(t.db, customer.id)).toBe(0n);
  });

  it("re-checks the refundable remainder at approval time: refused, and still pending", async () => {
    const agent = await as("SUPPORT_AGENT");
    const manager = await as("MANAGER");
    const customer = await createCustomer(t.db);
    const payment = await createTestPayment(t.db, { customerId: customer.id, amountMinor: 100_000n, currency: "USD", methodKind: "CARD", cardBrand: "Visa", cardLast4: "4242" });
    const requestId = requestIdOf(
      await agent.caller.refunds.create({ idempotencyKey: newKey(), paymentId: payment.id, type: "ORIGINAL_METHOD", amount: "300.00", currency: "USD", reason: "DUPLICATE" }),
    );
    await refundTestPayment(admin, payment.id, { amount: "800.00" });

    expect(await refusal(manager.caller.approvals.approve({ idempotencyKey: newKey(), requestId }))).toEqual({
      code: "BAD_REQUEST",
      message: "At most US$200.00 can be refunded",
    });
    expect(await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "PENDING" });
  });

  it("pays an approved refund to the original method through the gateway", async () => {
    const agent = await as("SUPPORT_AGENT");
    const manager = await as("MANAGER");
    const customer = await createCustomer(t.db);
    const payment = await createTestPayment(t.db, { customerId: customer.id, amountMinor: 100_000n, currency: "USD", methodKind: "CARD", cardBrand: "Visa", cardLast4: "4242" });
    const refund = { idempotencyKey: newKey(), paymentId: payment.id, type: "ORIGINAL_METHOD", amount: "300.00", currency: "USD", reason: "DUPLICATE" } as const;
    const requestId = requestIdOf(await agent.caller.refunds.create(refund));

    await manager.caller.approvals.approve({ idempotencyKey: newKey(), requestId });

    expect(await t.db.refund.findMany({ where: { paymentId: payment.id }, select: { status: true, amountMinor: true, createdById: true } })).toEqual([
      { status: "SUCCEEDED", amountMinor: 30_000n, createdById: manager.actor.id },
    ]);
    expect(executed(await agent.caller.refunds.create(refund)).refund.status).toBe("SUCCEEDED");
    expect(await t.db.refund.count({ where: { paymentId: payment.id } })).toBe(1);
  });

  it("raises a credit through an approved Edit by the requested difference", async () => {
    const agent = await as("SUPPORT_AGENT");
    const manager = await as("MANAGER");
    const customer = await createCustomer(t.db);
    const credit = await issueTestCredit(admin, customer.id, { amount: "2.00" });
    const edit = { idempotencyKey: newKey(), creditId: credit.creditId, amount: "500.00", expectedAmount: "2.00", currency: "USD", reasonId: DEFAULT_REASON_IDS.reconciliation };
    const requestId = requestIdOf(await agent.caller.credits.update(edit));

    await manager.caller.approvals.approve({ idempotencyKey: newKey(), requestId });

    expect(await t.db.storeCredit.findUniqueOrThrow({ where: { id: credit.creditId } })).toMatchObject({ amountMinor: 50_000n });
    expect(await balanceOf(t.db, customer.id)).toBe(50_000n);
  });
});

describe("rejecting and expiry", () => {
  it("rejects with a reason, writing only the decision and its audit row", async () => {
    const agent = await as("SUPPORT_AGENT");
    const manager = await as("MANAGER");
    const customer = await createCustomer(t.db);
    const requestId = requestIdOf(await agent.caller.credits.issue(creditInput(customer.id, "500.00")));

    expect(await fieldRefusal(manager.caller.approvals.reject({ idempotencyKey: newKey(), requestId, reason: "" }))).toMatchObject({ code: "BAD_REQUEST", fieldMessage: expect.stringMatching(/^reason: /) });
    const decided = await manager.caller.approvals.reject({ idempotencyKey: newKey(), requestId, reason: "Needs a ticket number" });

    expect(decided.request).toMatchObject({ status: "REJECTED", decisionReason: "Needs a ticket number", decidedBy: { id: manager.actor.id } });
    expect(await auditActionsOf(customer.id)).toEqual([`approval.request:${agent.actor.id}`, `approval.reject:${manager.actor.id}`]);
    expect(await balanceOf(t.db, customer.id)).toBe(0n);
    expect((await refusal(manager.caller.approvals.approve({ idempotencyKey: newKey(), requestId }))).message).toMatch(/^Already rejected by /);
  });

  it("expires requests undecided for 7 days, once, and they can no longer be approved", async () => {
    const agent = await as("SUPPORT_AGENT");
    const manager = await as("MANAGER");
    const customer = await createCustomer(t.db);
    const requestId = requestIdOf(await agent.caller.credits.issue(creditInput(customer.id, "500.00")));
    await t.db.$executeRaw`UPDATE approval_request SET expires_at = now() - interval '1 minute' WHERE id = ${requestId}::uuid`;

    expect((await expireApprovals({ db: t.db })).expired).toBeGreaterThanOrEqual(1);
    expect(await expireApprovals({ db: t.db })).toEqual({ expired: 0 });

    expect(await t.db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "EXPIRED", decidedById: null });
    expect(await auditActionsOf(customer.id)).toEqual([`approval.request:${agent.actor.id}`, "approval.expire:system"]);
    expect((await refusal(manager.caller.approvals.approve({ idempotencyKey: newKey(), requestId }))).message).toMatch(/^Already expired on /);
    expect(await balanceOf(t.db, customer.id)).toBe(0n);
  });
});

describe("reading requests", () => {
  it("lists the queue oldest first, the requester's own, the customer's, and the pending count", async () => {
    const agent = await as("SUPPORT_AGENT");
    const manager = await as("MANAGER");
    const customer = await createCustomer(t.db);
    const ids: string[] = [];
    for (const amount of ["150.00", "160.00", "170.00"]) ids.push(requestIdOf(await agent.caller.credits.issue(creditInput(customer.id, amount))));

    const mine = await agent.caller.approvals.mine({ limit: 2 });
    expect(mine.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect((await agent.caller.approvals.mine({ limit: 2, cursor: mine.nextCursor })).items.map((r) => r.id)).toEqual([ids[0]]);
    expect((await manager.caller.approvals.forCustomer({ customerId: customer.id })).items).toHaveLength(3);
    const queue = await manager.caller.approvals.list({ status: "PENDING", limit: 100 });
    const positions = ids.map((id) => queue.items.findIndex((r) => r.id === id));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
    expect((await manager.caller.approvals.pendingCount()).count).toBeGreaterThanOrEqual(3);
    expect(queue.items.find((r) => r.id === ids[0])).toMatchObject({ customer: { id: customer.id }, amountMinor: 15_000n, limitReason: "above your US$100.00 single-credit limit", requesterNote: "Late delivery" });
  });

  it("gives a support agent their limits and usage, and an admin none", async () => {
    const agent = await as("SUPPORT_AGENT");
    const customer = await createCustomer(t.db);
    executed(await agent.caller.credits.issue(creditInput(customer.id, "40.00")));
    const limits = await agent.caller.limits.mine();
    expect(limits.isUnlimited).toBe(false);
    expect(limits.byCurrency.USD).toMatchObject({ usedCreditMinor: 4_000n, usedRefundMinor: 0n, limit: { maxCreditMinor: 10_000n, dailyCreditMinor: 100_000n } });
    expect(await (await callerFor(t.db, admin.actor.id)).limits.mine()).toMatchObject({ isUnlimited: true, byCurrency: {} });
  });
});
