// Upload of a bulk credit CSV: the browser parses the file (papaparse) and sends its rows in
// pieces to a draft batch; every cell is checked here again and resolved (customer, amount,
// category, expiry), and the preview's whole-file checks (duplicate lines, the same file issued
// before, the uploader's limits) run when the last piece is in. Nothing moves money here.
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { parseAmount } from "@/server/lib/money";
import { uuid7 } from "@/server/lib/uuid7";
import type { DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/modules/audit/audit.repo";
import {
  deleteDraft,
  findBatch,
  finishDraft,
  insertBatch,
  insertRows,
  listCategoriesForBulk,
  listEnabledCurrencies,
  resolveCustomerRefs,
  type BatchRecord,
  type RowToStore,
} from "./bulk-credits.repo";
import {
  BULK_MAX_BYTES,
  BULK_REQUIRED_COLUMNS,
  type BulkAddRowsInput,
  type BulkBatchInput,
  type BulkCreateDraftInput,
  type BulkRowInput,
} from "./bulk-credits.schema";

export async function createBulkDraft({ db, actor }: ServiceContext, input: BulkCreateDraftInput): Promise<{ batchId: string }> {
  const columns = input.columns.map((column) => column.trim().toLowerCase());
  const missing = BULK_REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new AppError("BAD_INPUT", `The file has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""}; start from the template`, "file");
  }
  const id = uuid7();
  await db.$transaction(async (tx) => {
    await insertBatch(tx, { id, fileName: input.fileName, declaredRows: input.rowCount, createdById: actor.id });
    await writeAudit(tx, {
      actor,
      action: "credit.bulk_upload",
      entityType: "bulk_credit_batch",
      entityId: id,
      details: { fileName: input.fileName, rows: input.rowCount, bytes: input.byteCount },
    });
  });
  return { batchId: id };
}

/** The draft, if the caller may still add to it or preview it. */
export async function getOwnDraftOrThrow(db: DbTx, actorId: string, batchId: string): Promise<BatchRecord> {
  const batch = await findBatch(db, batchId);
  if (!batch) throw new AppError("NOT_FOUND", "This batch does not exist");
  if (batch.createdById !== actorId) throw new AppError("FORBIDDEN", "Only the staff member who uploaded this file can change it");
  if (batch.status !== "DRAFT") throw new AppError("CONFLICT", "This batch was already started; upload the file again to make a new one");
  return batch;
}

/** Stores one piece of rows, each checked and resolved; a piece past the declared size is refused and the draft removed. */
export async function addBulkRows({ db, actor }: ServiceContext, input: BulkAddRowsInput): Promise<{ receivedRows: number }> {
  const batch = await getOwnDraftOrThrow(db, actor.id, input.batchId);
  const chars = input.rows.reduce((sum, row) => sum + rowChars(row), 0);
  const isTooBig = input.rows.some((row) => row.line > batch.declaredRows + 1) || Number(batch.receivedChars) + chars > BULK_MAX_BYTES;
  if (isTooBig) {
    await deleteDraft(db, batch.id);
    throw new AppError("TOO_LARGE", "The file is larger than it said (over 100,000 rows or 20 MB); split it and upload again", "file");
  }
  const stored = await resolveRows(db, input.rows);
  const inserted = await insertRows(db, batch.id, stored, chars);
  return { receivedRows: batch.receivedRows + inserted };
}

const rowChars = (row: BulkRowInput) =>
  row.customer.length + row.amount.length + row.currency.length + row.category.length + row.memo.length + row.expiry.length + row.notify.length + 7;

/** Every row's cells checked and resolved, with the first problem found (null: valid). */
async function resolveRows(db: DbTx, rows: BulkRowInput[]): Promise<RowToStore[]> {
  const [customers, categories, currencies] = await Promise.all([
    resolveCustomerRefs(
      db,
      rows.map((row) => row.customer.trim()).filter((ref) => ref !== ""),
    ),
    listCategoriesForBulk(db),
    listEnabledCurrencies(db),
  ]);
  const enabled = new Set(currencies);
  const categoryOf = (text: string) => {
    const wanted = text.trim().toLowerCase();
    return categories.find((c) => c.id === wanted || c.name.toLowerCase() === wanted) ?? null;
  };
  return rows.map((row) => {
    const customerRef = row.customer.trim();
    const currency = row.currency.trim().toUpperCase();
    const problems: string[] = [];
    const match = customerRef === "" ? { problem: "No customer" } : (customers.get(customerRef) ?? { problem: "Unknown customer" });
    if ("problem" in match) problems.push(match.problem);
    let amountMinor: bigint | null = null;
    if (!enabled.has(currency)) problems.push(currency === "" ? "No currency" : `Unknown currency ${currency}`);
    else {
      const amount = parseAmount(row.amount.trim(), currency, { allowZero: false });
      if (amount.ok) amountMinor = amount.amountMinor;
      else problems.push(`Bad amount: ${amount.message}`);
    }
    const category = categoryOf(row.category);
    if (!category) problems.push(row.category.trim() === "" ? "No category" : `Unknown category ${row.category.trim()}`);
    else if (!category.isActive) problems.push(`Category ${category.name} is turned off`);
    const expiry = expiryOf(row.expiry);
    if ("problem" in expiry) problems.push(expiry.problem);
    const notify = notifyOf(row.notify);
    if (notify === null) problems.push("Bad notify value: use yes or no");
    return {
      line: row.line,
      customerRef,
      amountText: row.amount.trim(),
      currency,
      categoryText: row.category.trim(),
      memo: row.memo.trim() || null,
      expiryText: row.expiry.trim() || null,
      notifyText: row.notify.trim() || null,
      customerId: "customerId" in match ? match.customerId : null,
      amountMinor,
      categoryId: category?.id ?? null,
      expiresAt: "expiresAt" in expiry ? expiry.expiresAt : null,
      notify: notify ?? false,
      problem: problems.length > 0 ? problems.join("; ") : null,
    };
  });
}

/** "2027-12-31" expires at the end of that day (UTC); it must lie in the future. Empty: never. */
function expiryOf(text: string): { expiresAt: Date | null } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { expiresAt: null };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999)) : null;
  if (!date || date.toISOString().slice(0, 10) !== trimmed) return { problem: "Bad expiry date: use YYYY-MM-DD" };
  if (date.getTime() <= Date.now()) return { problem: "Expiry date is in the past" };
  return { expiresAt: date };
}

function notifyOf(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (["", "no", "n", "false", "0"].includes(value)) return false;
  if (["yes", "y", "true", "1"].includes(value)) return true;
  return null;
}

/** The whole-file checks once every row is in; answers the preview. */
export async function finishBulkUpload(ctx: ServiceContext, input: BulkBatchInput): Promise<{ batchId: string }> {
  const batch = await getOwnDraftOrThrow(ctx.db, ctx.actor.id, input.batchId);
  if (batch.receivedRows !== batch.declaredRows) {
    throw new AppError("BAD_INPUT", `Only ${batch.receivedRows} of ${batch.declaredRows} rows arrived; upload the file again`, "file");
  }
  await finishDraft(ctx.db, batch.id);
  return { batchId: batch.id };
}
