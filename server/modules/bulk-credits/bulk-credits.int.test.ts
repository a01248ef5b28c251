import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerAs } from "@/tests/factories/staff";
import { ledgerProblems } from "@/tests/factories/credits";
import { countersAndRows, createBulkCustomers, creditsPerRow, goodRow, uploadRows, type CsvRow } from "@/tests/helpers/bulk-credits";
import { issueCreditsFast } from "@/server/modules/credits/issue-credit";
import { getStaffActor } from "@/server/modules/staff/staff.service";
import { claimChunk, type ChunkClaim } from "./bulk-credits.repo";
import { chunkInputsOf, issueChunk, runBulkCredits } from "./run-bulk-credits";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

const run = () => runBulkCredits(t.db, { parallel: 4, leaseSeconds: 60 });

/** 10,000 lines over `emails`, 37 of them bad in the ways the preview names. */
function fileWith37BadRows(emails: string[]): { rows: CsvRow[]; badLines: Map<number, string> } {
  const rows = Array.from({ length: 10_000 }, (_, i) => goodRow(emails[i % emails.length]!, i));
  const badLines = new Map<number, string>();
  const spoil = (index: number, change: Partial<CsvRow>, reason: string) => {
    rows[index] = { ...rows[index]!, ...change };
    badLines.set(index + 2, reason);
  };
  for (let k = 0; k < 10; k++) spoil(100 + k * 97, { customer: `nobody-${k}@bulk.test` }, "Unknown customer");
  for (let k = 0; k < 10; k++) spoil(2_000 + k * 89, { amount: k % 2 ? "12.345" : "abc" }, "Bad amount");
  for (let k = 0; k < 5; k++) spoil(4_000 + k * 71, { category: "No such category" }, "Unknown category");
  for (let k = 0; k < 5; k++) spoil(5_000 + k * 61, { currency: "XYZ" }, "Unknown currency");
  // Seven lines repeat an earlier line exactly.
  for (let k = 0; k < 7; k++) {
    rows[7_000 + k * 53] = { ...rows[6_000 + k]! };
    badLines.set(7_000 + k * 53 + 2, `Duplicate of line ${6_000 + k + 2}`);
  }
  return { rows, badLines };
}

describe("bulk credit from a CSV", () => {
  it("issues exactly the good rows of a 10,000-row file with 37 bad rows, each once, and the same file again creates nothing", { timeout: 240_000 }, async () => {
    const { emails } = await createBulkCustomers(t.db, 2_000);
    const { caller, staff } = await callerAs(t.db, "ADMIN");
    const { rows, badLines } = fileWith37BadRows(emails);
    const batchId = await uploadRows(caller, rows);

    const preview = await caller.bulkCredits.get({ batchId });
    expect(preview).toMatchObject({ status: "DRAFT", rowCount: 10_000, validRows: 9_963, problemRows: 37, duplicateOf: null, approvalReason: null });
    const problems = await caller.bulkCredits.rows({ batchId, statuses: ["INVALID"], limit: 100 });
    expect(new Map(problems.rows.map((row) => [row.line, row.problem]))).toEqual(
      new Map([...badLines].map(([line, reason]) => [line, expect.stringContaining(reason) as unknown as string])),
    );

    expect(await caller.bulkCredits.start({ batchId, idempotencyKey: crypto.randomUUID() })).toEqual({ status: "RUNNING", batchId });
    await run();

    const done = await caller.bulkCredits.get({ batchId });
    expect(done).toMatchObject({ status: "COMPLETED", createdRows: 9_963, skippedRows: 0, failedRows: 0, doneRows: 9_963 });
    const counted = await countersAndRows(t.db, batchId);
    expect(counted.counters).toEqual(counted.rows);
    const perRow = await creditsPerRow(t.db, batchId);
    expect(perRow.filter((row) => row.status === "CREATED" && row.credits === 1)).toHaveLength(9_963);
    expect(perRow.filter((row) => row.status === "INVALID").map((row) => row.line).sort((a, b) => a - b)).toEqual([...badLines.keys()].sort((a, b) => a - b));
    // One audit row per credit, plus the batch's own (upload and start).
    const creditAudits = await t.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM audit_log a JOIN bulk_credit_row r ON r.credit_id = a.entity_id::uuid
      WHERE r.batch_id = ${batchId}::uuid AND a.action = 'credit.issue'`;
    expect(creditAudits[0]!.n).toBe(9_963);
    expect(await t.db.auditLog.count({ where: { entityId: batchId, action: { in: ["credit.bulk_upload", "credit.bulk_start"] } } })).toBe(2);
    const customerIds = (await t.db.customer.findMany({ where: { email: { in: emails } }, select: { id: true } })).map((c) => c.id);
    // The outbox has one message per row that asked for one.
    const notified = await t.db.bulkCreditRow.count({ where: { batchId, status: "CREATED", notify: true } });
    expect(notified).toBeGreaterThan(900);
    expect(await t.db.notification.count({ where: { customerId: { in: customerIds } } })).toBe(notified);
    expect(await ledgerProblems(t.db, customerIds)).toEqual({ balances: [], credits: [] });

    // The same file again: the preview says when and by whom it was issued, and start creates nothing.
    const again = await uploadRows(caller, rows);
    const second = await caller.bulkCredits.get({ batchId: again });
    expect(second.duplicateOf).toMatchObject({ batchId, issuedBy: staff.name });
    await expect(caller.bulkCredits.start({ batchId: again, idempotencyKey: crypto.randomUUID() })).rejects.toThrow(/already issued on \d{4}-\d{2}-\d{2} by/);
    await run();
    expect(await t.db.storeCredit.count({ where: { customerId: { in: customerIds } } })).toBe(9_963);
  });

  it("after a worker died mid-chunk (credits written, outcomes not), the next run finishes the batch with every row exactly once", { timeout: 120_000 }, async () => {
    const { emails } = await createBulkCustomers(t.db, 300);
    const { caller } = await callerAs(t.db, "ADMIN");
    const batchId = await uploadRows(caller, emails.map((email, i) => goodRow(email, i)));
    await caller.bulkCredits.start({ batchId, idempotencyKey: crypto.randomUUID() });

    // The dying worker: leases the first chunk for no time at all, issues its rows, and never records them.
    const chunk = (await claimChunk(t.db, 0))!;
    expect(chunk.batchId).toBe(batchId);
    const { inputs } = await chunkInputsOf(t.db, chunk);
    const actor = (await getStaffActor(t.db, chunk.issuedById))!;
    const written = (await issueCreditsFast({ db: t.db, actor }, inputs)).filter((result) => result !== null).length;
    expect(written).toBe(inputs.length);

    await run();
    const done = await caller.bulkCredits.get({ batchId });
    expect(done).toMatchObject({ status: "COMPLETED", createdRows: 300 - written, skippedRows: written, failedRows: 0, cancelledRows: 0, doneRows: 300 });
    const counted = await countersAndRows(t.db, batchId);
    expect(counted.counters).toEqual(counted.rows);
    const perRow = await creditsPerRow(t.db, batchId);
    expect(perRow.every((row) => row.credits === 1)).toBe(true);
    const customerIds = (await t.db.customer.findMany({ where: { email: { in: emails } }, select: { id: true } })).map((c) => c.id);
    expect(await t.db.storeCredit.count({ where: { customerId: { in: customerIds } } })).toBe(300);
  });

  it("cancels a running batch: rows already done stay done, the rest are never issued", async () => {
    const { emails } = await createBulkCustomers(t.db, 20);
    const { caller } = await callerAs(t.db, "ADMIN");
    const batchId = await uploadRows(caller, emails.map((email, i) => goodRow(email, i)));
    await caller.bulkCredits.start({ batchId, idempotencyKey: crypto.randomUUID() });
    expect(await caller.bulkCredits.cancel({ batchId })).toEqual({ cancelledRows: 20 });
    await run();
    expect(await caller.bulkCredits.get({ batchId })).toMatchObject({ status: "CANCELLED", createdRows: 0, cancelledRows: 20, doneRows: 20 });
    await expect(caller.bulkCredits.cancel({ batchId })).rejects.toThrow(/Only a batch that is issuing/);
  });

  /** A started batch of `rows` rows (chunks of 250 by default) and its first chunk, leased for `leaseSeconds`. */
  async function startedWithFirstChunk(rows: number, leaseSeconds: number) {
    const { emails } = await createBulkCustomers(t.db, rows);
    const { caller } = await callerAs(t.db, "ADMIN");
    const batchId = await uploadRows(caller, emails.map((email, i) => goodRow(email, i)));
    await caller.bulkCredits.start({ batchId, idempotencyKey: crypto.randomUUID() });
    const chunk: ChunkClaim = (await claimChunk(t.db, leaseSeconds))!;
    expect(chunk).toMatchObject({ batchId, firstLine: 2, lastLine: 251, batchStatus: "RUNNING" });
    const customerIds = (await t.db.customer.findMany({ where: { email: { in: emails } }, select: { id: true } })).map((c) => c.id);
    return { caller, batchId, chunk, customerIds };
  }

  it("a cancel leaves the chunk in flight to its worker, which finishes it; the page's counters reach every row", async () => {
    const { caller, batchId, chunk, customerIds } = await startedWithFirstChunk(600, 60);
    // Chunks 2 and 3 were never taken: cancelled at once.
    expect(await caller.bulkCredits.cancel({ batchId })).toEqual({ cancelledRows: 350 });
    expect(await caller.bulkCredits.get({ batchId })).toMatchObject({ status: "CANCELLED", createdRows: 0, cancelledRows: 350, doneRows: 350, validRows: 600 });
    // The worker that holds chunk 1 finishes it: no new chunk is taken.
    const actor = (await getStaffActor(t.db, chunk.issuedById))!;
    expect(await issueChunk(t.db, actor, chunk)).toHaveLength(250);
    expect(await run()).toMatchObject({ chunks: 0 });
    expect(await caller.bulkCredits.get({ batchId })).toMatchObject({ status: "CANCELLED", createdRows: 250, cancelledRows: 350, doneRows: 600 });
    const counted = await countersAndRows(t.db, batchId);
    expect(counted.counters).toEqual(counted.rows);
    expect(await t.db.storeCredit.count({ where: { customerId: { in: customerIds } } })).toBe(250);
  });

  it("a cancelled batch whose worker died mid-chunk keeps the credits it wrote (skipped, with their credit) and issues no other row", async () => {
    const { caller, batchId, chunk, customerIds } = await startedWithFirstChunk(600, 0);
    const { inputs } = await chunkInputsOf(t.db, chunk);
    const actor = (await getStaffActor(t.db, chunk.issuedById))!;
    expect((await issueCreditsFast({ db: t.db, actor }, inputs)).filter((result) => result !== null)).toHaveLength(250);
    // The dead worker's chunk was taken once: left for the next worker, which sorts its rows out.
    expect(await caller.bulkCredits.cancel({ batchId })).toEqual({ cancelledRows: 350 });
    expect(await run()).toMatchObject({ chunks: 1, skipped: 250, created: 0, cancelled: 0 });
    expect(await caller.bulkCredits.get({ batchId })).toMatchObject({ status: "CANCELLED", createdRows: 0, skippedRows: 250, cancelledRows: 350, doneRows: 600 });
    const perRow = await creditsPerRow(t.db, batchId);
    expect(perRow.filter((row) => row.status === "SKIPPED" && row.credits === 1)).toHaveLength(250);
    const counted = await countersAndRows(t.db, batchId);
    expect(counted.counters).toEqual(counted.rows);
    expect(await t.db.storeCredit.count({ where: { customerId: { in: customerIds } } })).toBe(250);
  });

  it("sends a batch above the uploader's limits to Approvals as one request, and runs it once approved", async () => {
    const { emails } = await createBulkCustomers(t.db, 5);
    const { caller } = await callerAs(t.db, "SUPPORT_AGENT");
    const batchId = await uploadRows(caller, emails.map((email) => ({ ...goodRow(email, 1), amount: "900.00", memo: `big ${email}` })));
    const preview = await caller.bulkCredits.get({ batchId });
    expect(preview.approvalReason).toMatch(/limit/);
    const started = await caller.bulkCredits.start({ batchId, idempotencyKey: crypto.randomUUID() });
    expect(started.status).toBe("PENDING_APPROVAL");
    await run();
    expect(await t.db.approvalRequest.count({ where: { requester: { id: preview.createdBy.id } } })).toBe(1);

    const { caller: manager } = await callerAs(t.db, "ADMIN");
    if (started.status !== "PENDING_APPROVAL") throw new Error("expected a request");
    await manager.approvals.approve({ idempotencyKey: crypto.randomUUID(), requestId: started.approvalRequestId });
    await run();
    expect(await caller.bulkCredits.get({ batchId })).toMatchObject({ status: "COMPLETED", createdRows: 5 });
  });

  it("refuses the approval of a batch above the approver's own limits (no row files a request of its own); the batch stays pending", async () => {
    const { emails } = await createBulkCustomers(t.db, 3);
    const { caller } = await callerAs(t.db, "SUPPORT_AGENT");
    const batchId = await uploadRows(caller, emails.map((email) => ({ ...goodRow(email, 1), amount: "900.00", memo: `big ${email}` })));
    const started = await caller.bulkCredits.start({ batchId, idempotencyKey: crypto.randomUUID() });
    if (started.status !== "PENDING_APPROVAL") throw new Error("expected a request");
    const { caller: admin } = await callerAs(t.db, "ADMIN");
    const managerUsd = { roleKey: "MANAGER", currency: "USD", maxRefund: null, maxSetBalanceChange: null, dailyCredit: null, dailyRefund: null };
    await admin.limits.set({ ...managerUsd, maxCredit: "500.00" });
    try {
      const { caller: manager } = await callerAs(t.db, "MANAGER");
      await expect(manager.approvals.approve({ idempotencyKey: crypto.randomUUID(), requestId: started.approvalRequestId })).rejects.toThrow(/cannot approve this: line 2 .* single-credit limit/);
      expect(await caller.bulkCredits.get({ batchId })).toMatchObject({ status: "PENDING_APPROVAL", createdRows: 0 });
      expect(await t.db.approvalRequest.count({ where: { id: started.approvalRequestId, status: "PENDING" } })).toBe(1);
    } finally {
      await admin.limits.set({ ...managerUsd, maxCredit: null });
    }
  });

  it("reads the customer column as a customer id, an email or the shop's external id; a value naming two customers is ambiguous", async () => {
    const { tag, emails } = await createBulkCustomers(t.db, 4);
    const [byId, byEmail, byExternal, other] = await Promise.all(emails.map((email) => t.db.customer.findFirstOrThrow({ where: { email }, select: { id: true, email: true } })));
    await t.db.customer.update({ where: { id: byExternal!.id }, data: { externalId: `shop-${tag}` } });
    // The external id of one customer is the email of another.
    await t.db.customer.update({ where: { id: other!.id }, data: { externalId: byEmail!.email!.toUpperCase() } });
    const { caller } = await callerAs(t.db, "ADMIN");
    const refs = [byId!.id.toUpperCase(), byEmail!.email!, `shop-${tag}`, `SHOP-${tag}`, byEmail!.email!.toUpperCase()];
    const batchId = await uploadRows(caller, refs.map((customer, i) => ({ ...goodRow(customer, i), customer })));
    const rows = (await caller.bulkCredits.rows({ batchId })).rows;
    expect(rows.map((row) => [row.customerId, row.problem])).toEqual([
      [byId!.id, null],
      [byEmail!.id, null],
      [byExternal!.id, null],
      [null, "Unknown customer"],
      [null, expect.stringContaining("Ambiguous customer")],
    ]);
  });

  it("refuses a file without the required columns and a formula-looking cell, writing nothing", async () => {
    const { caller } = await callerAs(t.db, "ADMIN");
    await expect(caller.bulkCredits.createDraft({ fileName: "x.csv", rowCount: 1, byteCount: 10, columns: ["customer", "amount"] })).rejects.toThrow(/no currency, category columns/);
    const { batchId } = await caller.bulkCredits.createDraft({ fileName: "x.csv", rowCount: 1, byteCount: 10, columns: ["customer", "amount", "currency", "category"] });
    await expect(caller.bulkCredits.addRows({ batchId, rows: [{ ...goodRow("a@b.test", 1), memo: "=HYPERLINK(1)", line: 2 }] })).rejects.toThrow(/formula/);
    expect(await t.db.bulkCreditRow.count({ where: { batchId } })).toBe(0);
  });
});
