// Bulk credit in tests: customers made in one statement, CSV rows, and an upload through the
// tRPC caller in the same pieces the page sends.
import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import { BULK_PIECE_ROWS, type BulkRowInput } from "@/server/modules/bulk-credits/bulk-credits.schema";
import type { callerFor } from "@/tests/factories/staff";

type Caller = Awaited<ReturnType<typeof callerFor>>;

/** `count` customers with emails `<tag>-<n>@bulk.test`, made in one statement. */
export async function createBulkCustomers(db: Db, count: number): Promise<{ tag: string; emails: string[] }> {
  const tag = `b${randomUUID().slice(0, 8)}`;
  await db.$executeRaw`
    INSERT INTO customer (id, first_name, last_name, email, search_name, sort_name)
    SELECT gen_random_uuid(), 'Bulk', 'Customer ' || n, ${tag} || '-' || n || '@bulk.test', 'bulk customer ' || n, 'customer ' || n || ' bulk'
    FROM generate_series(1, ${count}) n`;
  return { tag, emails: Array.from({ length: count }, (_, i) => `${tag}-${i + 1}@bulk.test`) };
}

export type CsvRow = Omit<BulkRowInput, "line">;

export const goodRow = (email: string, n: number): CsvRow => ({
  customer: email,
  amount: `${(n % 50) + 1}.${String(n % 100).padStart(2, "0")}`,
  currency: "USD",
  category: "Goodwill",
  memo: `Outage row ${n}`,
  expiry: "",
  notify: n % 10 === 0 ? "yes" : "no",
});

/** Uploads rows (lines 2…) as the page does, and finishes the preview; returns the batch id. */
export async function uploadRows(caller: Caller, rows: CsvRow[], fileName = "outage.csv"): Promise<string> {
  const { batchId } = await caller.bulkCredits.createDraft({ fileName, rowCount: rows.length, byteCount: rows.length * 60, columns: ["customer", "amount", "currency", "category", "memo", "expiry", "notify"] });
  for (let start = 0; start < rows.length; start += BULK_PIECE_ROWS) {
    const piece = rows.slice(start, start + BULK_PIECE_ROWS).map((row, i) => ({ ...row, line: start + i + 2 }));
    await caller.bulkCredits.addRows({ batchId, rows: piece });
  }
  await caller.bulkCredits.finishUpload({ batchId });
  return batchId;
}

/** How many credits each of the batch's rows has (by its idempotency key's credit), as line → count. */
export async function creditsPerRow(db: Db, batchId: string) {
  return db.$queryRaw<{ line: number; status: string; credits: number }[]>`
    SELECT r.line, r.status, (SELECT count(*)::int FROM store_credit c WHERE c.id = r.credit_id) AS credits
    FROM bulk_credit_row r WHERE r.batch_id = ${batchId}::uuid ORDER BY r.line`;
}

/**
 * The batch's counters beside a count of its rows by status: they must always agree (every
 * counter moves in the statement that moves its rows).
 */
export async function countersAndRows(db: Db, batchId: string) {
  const [row] = await db.$queryRaw<{ counters: Record<string, number>; rows: Record<string, number> }[]>`
    SELECT jsonb_build_object('valid', b.valid_rows, 'invalid', b.invalid_rows, 'created', b.created_rows, 'skipped', b.skipped_rows,
             'failed', b.failed_rows, 'cancelled', b.cancelled_rows) AS counters,
           jsonb_build_object(
             'valid', count(*) FILTER (WHERE r.status <> 'INVALID'), 'invalid', count(*) FILTER (WHERE r.status = 'INVALID'),
             'created', count(*) FILTER (WHERE r.status = 'CREATED'), 'skipped', count(*) FILTER (WHERE r.status = 'SKIPPED'),
             'failed', count(*) FILTER (WHERE r.status = 'FAILED'), 'cancelled', count(*) FILTER (WHERE r.status = 'CANCELLED')) AS rows
    FROM bulk_credit_batch b JOIN bulk_credit_row r ON r.batch_id = b.id
    WHERE b.id = ${batchId}::uuid GROUP BY b.id`;
  return row!;
}
