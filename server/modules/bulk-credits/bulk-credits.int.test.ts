import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerAs } from "@/tests/factories/staff";
import { ledgerProblems } from "@/tests/factories/credits";
import { createBulkCustomers, creditsPerRow, goodRow, uploadRows, type CsvRow } from "@/tests/helpers/bulk-credits";
import { issueCreditsFast } from "@/server/modules/credits/issue-credit";
import { getStaffActor } from "@/server/modules/staff/staff.service";
import { claimChunk } from "./bulk-credits.repo";
import { chunkInputsOf, runBulkCredits } from "./run-bulk-credits";

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
    expect(done).toMatchObject({ status: "COMPLETED", createdRows: 300 - written, skippedRows: written, failedRows: 0 });
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
    expect(await caller.bulkCredits.get({ batchId })).toMatchObject({ status: "CANCELLED", createdRows: 0, cancelledRows: 20 });
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

  it("refuses a file without the required columns and a formula-looking cell, writing nothing", async () => {
    const { caller } = await callerAs(t.db, "ADMIN");
    await expect(caller.bulkCredits.createDraft({ fileName: "x.csv", rowCount: 1, byteCount: 10, columns: ["customer", "amount"] })).rejects.toThrow(/no currency, category columns/);
    const { batchId } = await caller.bulkCredits.createDraft({ fileName: "x.csv", rowCount: 1, byteCount: 10, columns: ["customer", "amount", "currency", "category"] });
    await expect(caller.bulkCredits.addRows({ batchId, rows: [{ ...goodRow("a@b.test", 1), memo: "=HYPERLINK(1)", line: 2 }] })).rejects.toThrow(/formula/);
    expect(await t.db.bulkCreditRow.count({ where: { batchId } })).toBe(0);
  });
});
