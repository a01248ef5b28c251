// Inputs that used to reach PostgreSQL and come back as 500s with its text: refused at the
// boundary now, over HTTP, with the field named and nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callOverHttp, errorOf } from "@/tests/helpers/trpc-http";
import { createStaffMember } from "@/tests/factories/staff";
import { createCustomer } from "@/tests/factories/customers";
import { issueTestCredit, newKey, serviceContextAs } from "@/tests/factories/credits";
import { createTestPayment } from "@/tests/factories/payments";
import { encodeCursor } from "@/server/lib/cursor";
import { isStorableLine, isStorableText } from "@/server/lib/zod-fields";
import { DEFAULT_CATEGORY_IDS, DEFAULT_INFRASTRUCTURE_IDS, DEFAULT_METHOD_IDS, DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";

let t: TestDb;
let adminId: string;
let customerId: string;
let creditId: string;
let paymentId: string;

beforeAll(async () => {
  t = await openTestDb();
  adminId = (await createStaffMember(t.db, "ADMIN")).id;
  const ctx = await serviceContextAs(t.db, "ADMIN");
  customerId = (await createCustomer(t.db)).id;
  creditId = (await issueTestCredit(ctx, customerId, { amount: "20.00" })).creditId;
  paymentId = (await createTestPayment(t.db, { customerId, amountMinor: 5000n, currency: "USD", methodKind: "CARD", cardLast4: "4242" })).id;
});
afterAll(() => t.close());

/** Rows every money mutation of this file would write: its customer's, its payment's, its admin's audit. */
async function rowsWritten() {
  const [credits, events, refunds, audit] = await Promise.all([
    t.db.storeCredit.count({ where: { customerId } }),
    t.db.creditEvent.count({ where: { customerId } }),
    t.db.refund.count({ where: { paymentId } }),
    t.db.auditLog.count({ where: { actorId: adminId } }),
  ]);
  return { credits, events, refunds, audit };
}

/** The six money mutations, each with a valid input whose free-text field is `text`. */
const MONEY_MUTATIONS: [path: string, field: string, label: string, input: (text: string) => Record<string, unknown>][] = [
  ["credits.issue", "memo", "memo", (memo) => ({ idempotencyKey: newKey(), customerId, amount: "5.00", currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill, memo })],
  ["credits.send", "memo", "memo", (memo) => ({ idempotencyKey: newKey(), customerId, amount: "5.00", currency: "USD", infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.manual, methodId: DEFAULT_METHOD_IDS.adminEntry, memo })],
  ["credits.update", "note", "note", (note) => ({ idempotencyKey: newKey(), creditId, amount: "15.00", currency: "USD", reasonId: DEFAULT_REASON_IDS.serviceGesture, note })],
  ["credits.void", "note", "note", (note) => ({ idempotencyKey: newKey(), creditId, reasonId: DEFAULT_REASON_IDS.serviceGesture, note })],
  ["credits.setBalance", "note", "note", (note) => ({ idempotencyKey: newKey(), customerId, currency: "USD", balance: "1.00", reasonId: DEFAULT_REASON_IDS.serviceGesture, note })],
  ["refunds.create", "explanation", "explanation", (explanation) => ({ idempotencyKey: newKey(), paymentId, type: "STORE_CREDIT", amount: "1.00", currency: "USD", reason: "OTHER", explanation })],
];

describe("free text that PostgreSQL cannot store", () => {
  it.each([
    ["a NUL byte", "a\u0000b"],
    ["a lone high surrogate", "a\ud800b"],
    ["a lone low surrogate", "\udc00"],
    ["an ESC sequence", "\u001b[31mred"],
    ["a C1 control", "a\u0085b"],
  ])("is refused with %s on all six money mutations (400 on the field, nothing written)", async (_name, text) => {
    const before = await rowsWritten();
    for (const [path, field, label, input] of MONEY_MUTATIONS) {
      const answer = await callOverHttp(t.db, adminId, { path, type: "mutation", input: input(text) });
      // The text field's own messages; other fields a schema gains later may add theirs.
      expect({ path, status: answer.status, [field]: errorOf(answer)?.data.fieldErrors[field] }).toEqual({
        path,
        status: 400,
        [field]: [`Use only printable characters in the ${label}`],
      });
    }
    expect(await rowsWritten()).toEqual(before);
  });

  it("keeps newlines and tabs in multi-line text, and refuses them in a name", async () => {
    expect(isStorableText("Line one\nline two\r\n\tindented")).toBe(true);
    expect(isStorableText("emoji 😀 and accents é")).toBe(true);
    expect(isStorableLine("Goodwill\tgesture")).toBe(false);
    const answer = await callOverHttp(t.db, adminId, { path: "credits.issue", type: "mutation", input: MONEY_MUTATIONS[0]![3]("Line one\nline two\ttabbed") });
    expect(answer.status).toBe(200);
    const named = await callOverHttp(t.db, adminId, { path: "settings.reasons.create", type: "mutation", input: { name: "Two\nlines" } });
    expect({ status: named.status, fieldErrors: errorOf(named)?.data.fieldErrors }).toEqual({ status: 400, fieldErrors: { name: ["Use only printable characters in the name"] } });
  });
});

describe("crafted page cursors", () => {
  const uuid = "0190abcd-0000-7000-8000-000000000001";
  const beforeTime = encodeCursor({ at: "-271821-04-20T00:00:00.000Z", id: uuid });
  const cases: [name: string, path: string, input: () => Record<string, unknown>][] = [
    ["credits.list, a time before year 1", "credits.list", () => ({ customerId, cursor: beforeTime })],
    ["payments.list, a time before year 1", "payments.list", () => ({ customerId, cursor: beforeTime })],
    ["refunds.list, a time before year 1", "refunds.list", () => ({ cursor: beforeTime })],
    ["notifications.list, a time before year 1", "notifications.list", () => ({ customerId, cursor: beforeTime })],
    ["credits.history, a seq past bigint", "credits.history", () => ({ customerId, cursor: encodeCursor({ seq: "9223372036854775808" }) })],
    ["customers.search, a date sort value that is not a date", "customers.search", () => ({ sort: "createdAt", cursor: encodeCursor({ s: 0, v: "zzz", i: uuid, t: "next", m: "literal" }) })],
    ["customers.search, a sort value of the wrong type", "customers.search", () => ({ sort: "name", cursor: encodeCursor({ s: 0, v: 12, i: uuid, t: "next", m: "literal" }) })],
    ["customers.search, a NUL in the sort value", "customers.search", () => ({ sort: "name", cursor: encodeCursor({ s: 0, v: "a\u0000", i: uuid, t: "next", m: "literal" }) })],
    ["customers.search, a segment that is no integer", "customers.search", () => ({ cursor: encodeCursor({ s: 1.5, v: "a", i: uuid, t: "next", m: "literal" }) })],
  ];

  it.each(cases)("refuses %s with 400 on the cursor field", async (_name, path, input) => {
    const answer = await callOverHttp(t.db, adminId, { path, type: "query", input: input() });
    expect({ status: answer.status, message: errorOf(answer)?.message, fieldErrors: errorOf(answer)?.data.fieldErrors }).toEqual({
      status: 400,
      message: "This page link is no longer valid",
      fieldErrors: { cursor: ["This page link is no longer valid"] },
    });
  });
});

describe("role keys PostgreSQL cannot compare", () => {
  // npm run fuzz found these: a NUL in a role key reached the role lookup and came back a 500.
  const ROLE_KEY_MUTATIONS: [path: string, field: string, input: (key: string, staffId: string) => Record<string, unknown>][] = [
    ["limits.set", "roleKey", (roleKey) => ({ roleKey, currency: "USD", maxCredit: "1.00", maxRefund: null, maxSetBalanceChange: null, dailyCredit: null, dailyRefund: null })],
    ["limits.clear", "roleKey", (roleKey) => ({ roleKey, currency: "USD" })],
    ["roles.update", "key", (key) => ({ key, name: "Never saved", description: "", permissions: ["customers:read"] })],
    ["roles.delete", "key", (key) => ({ key })],
    ["staff.create", "roleKey", (roleKey) => ({ name: "Never saved", email: "never-saved@creditdesk.test", roleKey })],
    ["staff.changeRole", "role", (role, staffId) => ({ staffId, role })],
  ];

  it.each([
    ["a NUL byte", "SUPPORT_AGENT\u0000"],
    ["only a NUL", "\u0000"],
    ["a lone surrogate", "VIEWER\ud800"],
  ])("is refused with %s on every mutation that takes one (400 on the field, nothing written)", async (_name, key) => {
    const target = await createStaffMember(t.db, "VIEWER");
    const before = await Promise.all([t.db.auditLog.count(), t.db.staffUser.count(), t.db.moneyLimit.count(), t.db.role.count()]);
    for (const [path, field, input] of ROLE_KEY_MUTATIONS) {
      const answer = await callOverHttp(t.db, adminId, { path, type: "mutation", input: input(key, target.id) });
      expect({ path, status: answer.status, [field]: errorOf(answer)?.data.fieldErrors[field] }).toEqual({ path, status: 400, [field]: ["Choose a role"] });
    }
    expect(await Promise.all([t.db.auditLog.count(), t.db.staffUser.count(), t.db.moneyLimit.count(), t.db.role.count()])).toEqual(before);
    expect(await t.db.staffUser.findUnique({ where: { id: target.id }, select: { role: true } })).toEqual({ role: "VIEWER" });
  });
});
