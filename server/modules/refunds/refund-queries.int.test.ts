// The Refunds page's reads, called as the browser calls them: the list across customers with its
// filters and keyset pages, the CSV export, and who may read. Other test files write refunds into
// the same database, so every question here is narrowed to this file's own staff or customers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { fieldRefusal, outcomeOf, refusal } from "@/tests/helpers/trpc-errors";
import { createCustomer, uniqueWord } from "@/tests/factories/customers";
import { newKey, serviceContextAs } from "@/tests/factories/credits";
import { createTestPayment } from "@/tests/factories/payments";
import { refundTestPayment } from "@/tests/factories/refunds";
import { callerAs, callerFor } from "@/tests/factories/staff";
import type { ServiceContext } from "@/server/lib/service-context";
import type { RefundView } from "./refund-view";
import { refundFilterSql } from "./refunds.repo";

let t: TestDb;
let admin: ServiceContext;
let support: ServiceContext;
let caller: Awaited<ReturnType<typeof callerFor>>;
let customerA: Awaited<ReturnType<typeof createCustomer>>;
let customerB: Awaited<ReturnType<typeof createCustomer>>;
/** Oldest first: the admin's four refunds, then the support agent's one. */
let refunds: { succeeded: RefundView; toCredit: RefundView; declined: RefundView; other: RefundView; bySupport: RefundView };
let cardPaymentId: string;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
  support = await serviceContextAs(t.db, "SUPPORT_AGENT");
  caller = await callerFor(t.db, admin.actor.id);
  customerA = await createCustomer(t.db, { firstName: "Ada", lastName: "Refundlist" });
  customerB = await createCustomer(t.db, { firstName: "Bo", lastName: "Refundlist" });
  const card = await createTestPayment(t.db, { customerId: customerA.id, amountMinor: 10_000n, currency: "USD", methodKind: "CARD", cardBrand: "Visa", cardLast4: "4242" });
  const declinedCard = await createTestPayment(t.db, { customerId: customerB.id, amountMinor: 5_000n, currency: "USD", methodKind: "CARD", cardBrand: "Visa", cardLast4: "0002" });
  const paypal = await createTestPayment(t.db, { customerId: customerB.id, amountMinor: 8_000n, currency: "USD", methodKind: "PAYPAL" });
  cardPaymentId = card.id;
  const succeeded = (await refundTestPayment(admin, card.id, { amount: "10.00", note: "Called in" })).refund;
  const toCredit = (await refundTestPayment(admin, card.id, { type: "STORE_CREDIT", amount: "5.50", reason: "PRODUCT_DEFECTIVE" })).refund;
  const declined = (await refundTestPayment(admin, declinedCard.id, { amount: "20.00", reason: "FRAUDULENT" })).refund;
  const other = (
    await refundTestPayment(admin, paypal.id, { amount: "30.00", reason: "OTHER", explanation: '=HYPERLINK("x")', note: 'Said "sorry", twice\nthen hung up' })
  ).refund;
  const bySupport = (await refundTestPayment(support, card.id, { amount: "1.00", reason: "DUPLICATE" })).refund;
  refunds = { succeeded, toCredit, declined, other, bySupport };
});
afterAll(() => t.close());

const referencesOf = (page: { items: RefundView[] }) => page.items.map((r) => r.reference);
const adminOnly = () => ({ staffId: admin.actor.id });

describe("the refunds list", () => {
  it("lists refunds newest first with who, when, type, amount, reason, note, gateway reference and status", async () => {
    const page = await caller.refunds.list(adminOnly());
    const { succeeded, toCredit, declined, other } = refunds;
    expect(referencesOf(page)).toEqual([other.reference, declined.reference, toCredit.reference, succeeded.reference]);
    expect(page.nextCursor).toBeNull();
    expect(page.items[3]).toMatchObject({
      customerId: customerA.id,
      customerName: "Ada Refundlist",
      amountMinor: 1_000n,
      currency: "USD",
      type: "ORIGINAL_METHOD",
      status: "SUCCEEDED",
      reason: "REQUESTED_BY_CUSTOMER",
      note: "Called in",
      destination: "Visa •••• 4242",
      gatewayName: "Sandbox",
      createdById: admin.actor.id,
      createdByName: admin.actor.name,
    });
    expect(page.items[3]!.gatewayRef).toMatch(/^sbx_re_/);
    expect(page.items[3]!.createdAt).toBeInstanceOf(Date);
    expect(page.items[1]).toMatchObject({ status: "FAILED", destination: "Visa •••• 0002", failureReason: expect.stringContaining("declined") });
    expect(page.items[2]).toMatchObject({ type: "STORE_CREDIT", destination: "Store credit", amountMinor: 550n });
  });

  it("filters by status, reason and type, each a set of choices", async () => {
    const { succeeded, toCredit, declined, other } = refunds;
    expect(referencesOf(await caller.refunds.list({ ...adminOnly(), statuses: ["FAILED"] }))).toEqual([declined.reference]);
    expect(referencesOf(await caller.refunds.list({ ...adminOnly(), statuses: ["SUCCEEDED"] }))).toEqual([
      other.reference,
      toCredit.reference,
      succeeded.reference,
    ]);
    expect(referencesOf(await caller.refunds.list({ ...adminOnly(), reasons: ["OTHER", "FRAUDULENT"] }))).toEqual([other.reference, declined.reference]);
    expect(referencesOf(await caller.refunds.list({ ...adminOnly(), types: ["STORE_CREDIT"] }))).toEqual([toCredit.reference]);
    expect(referencesOf(await caller.refunds.list({ ...adminOnly(), statuses: [], reasons: [], types: [] }))).toHaveLength(4);
    expect(referencesOf(await caller.refunds.list({ ...adminOnly(), statuses: ["PENDING"], types: ["STORE_CREDIT"] }))).toEqual([]);
  });

  it("filters by staff member, customer and payment", async () => {
    const { succeeded, toCredit, declined, other, bySupport } = refunds;
    expect(referencesOf(await caller.refunds.list({ staffId: support.actor.id }))).toEqual([bySupport.reference]);
    expect(referencesOf(await caller.refunds.list({ customerId: customerA.id }))).toEqual([bySupport.reference, toCredit.reference, succeeded.reference]);
    expect(referencesOf(await caller.refunds.list({ customerId: customerB.id }))).toEqual([other.reference, declined.reference]);
    expect(referencesOf(await caller.refunds.list({ paymentId: cardPaymentId, staffId: admin.actor.id }))).toEqual([toCredit.reference, succeeded.reference]);
  });

  it("filters by a date range, both ends included, and refuses an end before the start", async () => {
    const { toCredit, declined } = refunds;
    const window = await caller.refunds.list({ ...adminOnly(), from: toCredit.createdAt, to: declined.createdAt });
    expect(referencesOf(window)).toEqual([declined.reference, toCredit.reference]);
    expect((await caller.refunds.list({ ...adminOnly(), from: new Date(Date.now() + 60_000) })).items).toEqual([]);
    expect(await fieldRefusal(caller.refunds.list({ from: new Date(), to: new Date(Date.now() - 1_000) }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldMessage: "to: The end date is before the start date",
    });
  });

  it("pages with a keyset cursor, every refund exactly once, and refuses a forged cursor", async () => {
    const all = referencesOf(await caller.refunds.list(adminOnly()));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof caller.refunds.list>> = await caller.refunds.list({ ...adminOnly(), limit: 3, cursor });
      seen.push(...referencesOf(page));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(all);
    expect(await refusal(caller.refunds.list({ cursor: "bogus" }))).toMatchObject({ code: "BAD_REQUEST" });
    const wrongShape = Buffer.from(JSON.stringify({ at: "yesterday", id: "x" })).toString("base64url");
    expect(await refusal(caller.refunds.list({ cursor: wrongShape }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("offers the staff members who have refunded as filter choices", async () => {
    const { staff } = await caller.refunds.filterOptions();
    expect(staff).toEqual(expect.arrayContaining([{ id: admin.actor.id, name: admin.actor.name }, { id: support.actor.id, name: support.actor.name }]));
    const bystander = await serviceContextAs(t.db, "ADMIN");
    expect(staff.map((s) => s.id)).not.toContain(bystander.actor.id);
  });
});

describe("searching refunds", () => {
  it("finds a customer's refunds by a fragment of their name in either order or of their email, accents and case aside", async () => {
    const { succeeded, toCredit, declined, other, bySupport } = refunds;
    expect(referencesOf(await caller.refunds.list({ search: "ada refundl" }))).toEqual([bySupport.reference, toCredit.reference, succeeded.reference]);
    expect(referencesOf(await caller.refunds.list({ search: "  REFUNDLIST Bó " }))).toEqual([other.reference, declined.reference]);
    expect(referencesOf(await caller.refunds.list({ search: customerB.email.slice(0, 12).toUpperCase() }))).toEqual([other.reference, declined.reference]);
    expect(referencesOf(await caller.refunds.list({ search: "refundlist", staffId: support.actor.id }))).toEqual([bySupport.reference]);
  });

  it("finds a refund by its reference and a payment's refunds by the payment's reference, with or without the prefix", async () => {
    const { succeeded, toCredit, declined } = refunds;
    expect(referencesOf(await caller.refunds.list({ search: declined.reference.toLowerCase() }))).toEqual([declined.reference]);
    expect(referencesOf(await caller.refunds.list({ search: declined.reference.slice(3) }))).toEqual([declined.reference]);
    expect(referencesOf(await caller.refunds.list({ ...adminOnly(), search: succeeded.paymentReference }))).toEqual([toCredit.reference, succeeded.reference]);
    expect(referencesOf(await caller.refunds.list({ ...adminOnly(), search: succeeded.paymentReference.slice(4) }))).toEqual([toCredit.reference, succeeded.reference]);
  });

  it("matches nothing for other text, treats LIKE wildcards literally and pages a search with the keyset cursor", async () => {
    expect(referencesOf(await caller.refunds.list({ search: `${uniqueWord()}zz` }))).toEqual([]);
    expect(referencesOf(await caller.refunds.list({ search: "%%%" }))).toEqual([]);
    expect(referencesOf(await caller.refunds.list({ search: "ad" }))).toEqual([]);
    const first = await caller.refunds.list({ search: "refundlist", limit: 3 });
    const second = await caller.refunds.list({ search: "refundlist", limit: 3, cursor: first.nextCursor });
    const { succeeded, toCredit, declined, other, bySupport } = refunds;
    expect([...referencesOf(first), ...referencesOf(second)]).toEqual([bySupport.reference, other.reference, declined.reference, toCredit.reference, succeeded.reference]);
    expect(second.nextCursor).toBeNull();
    expect(await fieldRefusal(caller.refunds.list({ search: "x".repeat(101) }))).toMatchObject({ code: "BAD_REQUEST", fieldMessage: "search: Search text is too long (100 characters at most)" });
  });

  it("reads indexes only: no branch of the search scans refund, payment or customer", async () => {
    const plan = await t.db.$transaction(async (tx) => {
      // The tables here are tiny, where a scan is cheapest; switched off, the planner shows the indexes it can use.
      for (const setting of ["enable_seqscan", "enable_indexscan", "enable_indexonlyscan"]) await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
      const where = refundFilterSql({ search: "ada refundlist" });
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN SELECT r.id FROM refund r WHERE ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT 51`;
    });
    const text = plan.map((line) => line["QUERY PLAN"]).join("\n");
    expect(text).not.toMatch(/Seq Scan/);
    expect(text).toMatch(/Bitmap Index Scan on customer_search_name_trgm_idx/);
    expect(text).toMatch(/Bitmap Index Scan on customer_email_trgm_idx/);
    expect(text).toMatch(/Bitmap Index Scan on refund_reference_key/);
    expect(text).toMatch(/Bitmap Index Scan on payment_reference_key/);
  });

  it("exports what the search finds, the other filters still applied", async () => {
    const csv = await caller.refunds.csv({ search: "bo refundlist", statuses: ["FAILED"] });
    expect(csv.rowCount).toBe(1);
    expect(csv.csv).toContain(refunds.declined.reference);
    expect(csv.csv).not.toContain(refunds.other.reference);
  });
});

describe("the CSV export", () => {
  it("exports the filtered refunds newest first with every column, escaping quotes, line breaks and formulas", async () => {
    const csv = await caller.refunds.csv(adminOnly());
    expect(csv).toMatchObject({ rowCount: 4, isTruncated: false });
    expect(csv.filename).toMatch(/^refunds-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.csv.endsWith("\r\n")).toBe(true);
    const lines = csv.csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Created at (UTC),Reference,Customer,Payment reference,Type,Destination,Amount,Currency,Status,Reason,Explanation,Note," +
        "Staff member,Gateway,Gateway reference,Failure reason,Settled at (UTC)",
    );
    const { other, declined, succeeded } = refunds;
    // The note's line break is inside a quoted cell, so it does not start a new record.
    expect(lines[1]).toBe(
      [
        other.createdAt.toISOString(),
        other.reference,
        `"Bo Refundlist"`,
        other.paymentReference,
        "Original payment method",
        `"PayPal"`,
        "30.00",
        "USD",
        "Succeeded",
        "Other",
        `"'=HYPERLINK(""x"")"`,
        `"Said ""sorry"", twice\nthen hung up"`,
        `"${admin.actor.name}"`,
        `"Sandbox"`,
        `"${other.gatewayRef}"`,
        `""`,
        other.settledAt!.toISOString(),
      ].join(","),
    );
    expect(lines[2]).toContain(`,${declined.paymentReference},Original payment method,"Visa •••• 0002",20.00,USD,Failed,Fraudulent,"","",`);
    expect(lines[2]).toContain(`,"${declined.failureReason}"`);
    expect(lines.at(-1)).toContain(`,${succeeded.reference},"Ada Refundlist",`);
    expect(lines.at(-1)).toContain(',10.00,USD,Succeeded,Requested by customer,"","Called in",');
    expect(lines).toHaveLength(5);
  });

  it("applies the same filters as the list", async () => {
    const csv = await caller.refunds.csv({ ...adminOnly(), statuses: ["FAILED"] });
    expect(csv.rowCount).toBe(1);
    expect(csv.csv).toContain(refunds.declined.reference);
    expect(csv.csv).not.toContain(refunds.succeeded.reference);
  });
});

describe("who may read refunds", () => {
  it("lets a VIEWER read the list, the export, the filter choices and one refund, but not refund", async () => {
    const { caller: viewer } = await callerAs(t.db, "VIEWER");
    expect(referencesOf(await viewer.refunds.list(adminOnly()))).toHaveLength(4);
    expect(await outcomeOf(viewer.refunds.csv(adminOnly()))).toBe("OK");
    expect(await outcomeOf(viewer.refunds.filterOptions())).toBe("OK");
    expect((await viewer.refunds.get({ refundId: refunds.succeeded.id })).reference).toBe(refunds.succeeded.reference);
    const create = viewer.refunds.create({
      idempotencyKey: newKey(),
      paymentId: cardPaymentId,
      type: "ORIGINAL_METHOD",
      amount: "1.00",
      currency: "USD",
      reason: "REQUESTED_BY_CUSTOMER",
    });
    expect(await outcomeOf(create)).toBe("FORBIDDEN");
  });

  it("refuses every read without a signed-in staff member", async () => {
    const anonymous = await callerFor(t.db, null);
    expect(await outcomeOf(anonymous.refunds.list({}))).toBe("UNAUTHORIZED");
    expect(await outcomeOf(anonymous.refunds.csv({}))).toBe("UNAUTHORIZED");
    expect(await outcomeOf(anonymous.refunds.filterOptions())).toBe("UNAUTHORIZED");
  });
});
