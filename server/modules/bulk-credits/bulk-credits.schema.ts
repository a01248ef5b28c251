// Inputs and views of bulk credit from a CSV (/credits/bulk). Client-safe: the page checks the
// file with the same rules (formula cells, sizes, columns) before it sends anything, and the
// server checks every piece again.
import { z } from "zod";
import { ZIdempotencyKey, isStorableText } from "@/server/lib/zod-fields";

/** The template's columns, in order; `expiry` and `notify` may be left out. */
export const BULK_COLUMNS = ["customer", "amount", "currency", "category", "memo", "expiry", "notify"] as const;
export const BULK_REQUIRED_COLUMNS = ["customer", "amount", "currency", "category"] as const;
export type BulkColumn = (typeof BULK_COLUMNS)[number];

export const BULK_MAX_ROWS = 100_000;
export const BULK_MAX_BYTES = 20 * 1024 * 1024;
/** Rows per addRows call: well under the tRPC route's 1 MB body limit at the longest cells. */
export const BULK_PIECE_ROWS = 2_000;
const MAX_CELL = 500;

export const BULK_TEMPLATE_CSV =
  "customer,amount,currency,category,memo,expiry,notify\r\n" +
  "ada@example.com,10.00,USD,Goodwill,Delivery delayed,,no\r\n" +
  "0190c1d2-0000-7000-8000-000000000000,5.00,EUR,Goodwill,Outage 12 May,2027-12-31,yes\r\n";

/**
 * A cell a spreadsheet would run as a formula (=, +, @, a tab or CR first; "-" unless a number
 * follows). Such a file is refused as a whole: it may have been crafted to run in whoever opens it.
 */
export const isFormulaLike = (cell: string) => /^[=+@\t\r]/.test(cell) || /^-(?![\d.,]+$)/.test(cell);

export const BULK_STATUSES = ["DRAFT", "PENDING_APPROVAL", "RUNNING", "COMPLETED", "CANCELLED", "REJECTED"] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];
export const BULK_STATUS_LABELS: Record<BulkStatus, string> = {
  DRAFT: "Preview",
  PENDING_APPROVAL: "Awaiting approval",
  RUNNING: "Issuing",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
  REJECTED: "Approval rejected",
};

export const BULK_ROW_STATUSES = ["INVALID", "PENDING", "CREATED", "SKIPPED", "FAILED", "CANCELLED"] as const;
export type BulkRowStatus = (typeof BULK_ROW_STATUSES)[number];
export const BULK_ROW_STATUS_LABELS: Record<BulkRowStatus, string> = {
  INVALID: "Problem",
  PENDING: "Waiting",
  CREATED: "Created",
  SKIPPED: "Skipped (already issued by this batch)",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

const ZCell = z
  .string()
  .max(MAX_CELL, `Keep every cell under ${MAX_CELL} characters`)
  .refine(isStorableText, "The file holds binary data or control characters; save it as a UTF-8 CSV")
  .refine((cell) => !isFormulaLike(cell), "The file has a cell that looks like a spreadsheet formula (starts with =, +, - or @); remove it and upload again");

/** One CSV line as the browser parsed it; the server resolves and checks every cell itself. */
export const ZBulkRowInput = z.object({
  line: z.number().int().min(2).max(BULK_MAX_ROWS + 1).describe("The line number in the file (the header is line 1)"),
  customer: ZCell,
  amount: ZCell,
  currency: ZCell,
  category: ZCell,
  memo: ZCell.default(""),
  expiry: ZCell.default(""),
  notify: ZCell.default(""),
});
export type BulkRowInput = z.output<typeof ZBulkRowInput>;

export const ZBulkCreateDraftInput = z.object({
  fileName: z.string().trim().min(1, "Choose a file").max(200, "Rename the file to under 200 characters").refine(isStorableText, "Rename the file"),
  rowCount: z
    .number()
    .int()
    .min(1, "The file has no rows under its header")
    .max(BULK_MAX_ROWS, `A file may hold up to ${BULK_MAX_ROWS.toLocaleString("en-US")} rows; split it`),
  byteCount: z.number().int().min(1).max(BULK_MAX_BYTES, "A file may be up to 20 MB; split it"),
  columns: z.array(z.string().max(100)).max(20).describe("The header row's column names"),
});
export type BulkCreateDraftInput = z.output<typeof ZBulkCreateDraftInput>;

export const ZBulkAddRowsInput = z.object({
  batchId: z.uuid("This batch does not exist"),
  rows: z.array(ZBulkRowInput).min(1).max(BULK_PIECE_ROWS),
});
export type BulkAddRowsInput = z.output<typeof ZBulkAddRowsInput>;

export const ZBulkBatchInput = z.object({ batchId: z.uuid("This batch does not exist") });
export type BulkBatchInput = z.output<typeof ZBulkBatchInput>;

export const ZBulkStartInput = z.object({ batchId: z.uuid("This batch does not exist"), idempotencyKey: ZIdempotencyKey });
export type BulkStartInput = z.output<typeof ZBulkStartInput>;

export const ZBulkRowsInput = z.object({
  batchId: z.uuid("This batch does not exist"),
  /** Only rows in these states (problems: INVALID). */
  statuses: z.array(z.enum(BULK_ROW_STATUSES)).max(BULK_ROW_STATUSES.length).optional(),
  afterLine: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5_000).default(100),
});
export type BulkRowsInput = z.output<typeof ZBulkRowsInput>;

export const ZBulkListInput = z.object({ limit: z.number().int().min(1).max(50).default(20) });

export type BulkCurrencyTotal = { currency: string; rowCount: number; amountMinor: bigint };

export type BulkBatchView = {
  id: string;
  status: BulkStatus;
  fileName: string;
  rowCount: number;
  validRows: number;
  problemRows: number;
  createdRows: number;
  skippedRows: number;
  failedRows: number;
  cancelledRows: number;
  doneRows: number;
  totals: BulkCurrencyTotal[];
  createdBy: { id: string; name: string };
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  approvalRequestId: string | null;
  /** Set on a draft whose content matches an issued batch: "already issued on … by …". */
  duplicateOf: { batchId: string; issuedAt: Date; issuedBy: string } | null;
  /** Why the batch needs approval before it runs (the uploader's limits), if it does. */
  approvalReason: string | null;
};

export type BulkRowView = {
  line: number;
  customer: string;
  customerId: string | null;
  amount: string;
  currency: string;
  category: string;
  memo: string | null;
  expiry: string | null;
  notify: string | null;
  status: BulkRowStatus;
  problem: string | null;
  creditId: string | null;
  message: string | null;
};

export type BulkStartResult =
  | { status: "RUNNING"; batchId: string }
  | { status: "PENDING_APPROVAL"; batchId: string; approvalRequestId: string; limitReason: string };
