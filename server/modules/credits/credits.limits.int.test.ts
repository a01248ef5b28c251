// Money limits on credits.issue: above them the action becomes an approval request and nothing moves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { balanceOf, ledgerProblems, newKey, serviceContextAs } from "@/tests/factories/credits";
import { isApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";
import { ZIssueCreditInput } from "./credits.schema";
import { issueCredit } from "./issue-credit";

let t: TestDb;

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

const input = (customerId: string, amount: string, currency = "USD") =>
  ZIssueCreditInput.parse({ idempotencyKey: newKey(), customerId, amount, currency, categoryId: DEFAULT_CATEGORY_IDS.goodwill });

describe("credits.issue within a support agent's limits", () => {
  it("runs exactly 10 of 11 concurrent US$100.00 credits against a US$1,000.00 daily limit and files the 11th for approval", async () => {
    const support = await serviceContextAs(t.db, "SUPPORT_AGENT");
    const customer = await createCustomer(t.db);
    const results = await Promise.all(Array.from({ length: 11 }, () => issueCredit(support, input(customer.id, "100.00"))));

    expect(results.filter((r) => !isApprovalPending(r))).toHaveLength(10);
    expect(results.filter(isApprovalPending)).toHaveLength(1);
    expect(await balanceOf(t.db, customer.id)).toBe(100_000n);
    expect(await ledgerProblems(t.db, [customer.id])).toEqual({ balances: [], credits: [] });
    expect(await t.db.storeCredit.count({ where: { customerId: customer.id } })).toBe(10);
  });

  it("answers a replay of the pending key with the same request and moves nothing", async () => {
    const support = await serviceContextAs(t.db, "SUPPORT_AGENT");
    const customer = await createCustomer(t.db);
    const above = input(customer.id, "500.00");
    const first = await issueCredit(support, above);
    const replay = await issueCredit(support, above);

    expect(isApprovalPending(first) && first.approvalRequest.limitReason).toBe("above your US$100.00 single-credit limit");
    expect(replay).toEqual(first);
    expect(await t.db.approvalRequest.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await balanceOf(t.db, customer.id)).toBe(0n);
    expect(await t.db.storeCredit.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it("files every amount in a currency the role has no limit row for", async () => {
    const support = await serviceContextAs(t.db, "SUPPORT_AGENT");
    const customer = await createCustomer(t.db);
    expect(isApprovalPending(await issueCredit(support, input(customer.id, "1.00", "EUR")))).toBe(true);
  });

  it("runs any amount where the limit is an explicit null (managers)", async () => {
    const manager = await serviceContextAs(t.db, "MANAGER");
    const customer = await createCustomer(t.db);
    expect(isApprovalPending(await issueCredit(manager, input(customer.id, "50000.00")))).toBe(false);
  });
});
