// Every statement of bulk credit from a CSV: drafts and their rows, the preview's checks, the
// chunks workers lease, and the reads of the batch page. Rules live in the verb files.
import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import { columnList } from "@/server/lib/sql-columns";
import type { BulkCurrencyTotal, BulkRowStatus, BulkRowView, BulkStatus } from "./bulk-credits.schema";

export type CustomerMatch = { customerId: string } | { problem: string };

/**
 * The one resolver of the CSV's customer column: a customer id, an email (stored lower-case,
 * unique) or the shop's external id (exact). A value matching more than one customer (an email of
 * one and the external id of another) is ambiguous.
 */
export async function resolveCustomerRefs(db: DbTx, refs: string[]): Promise<Map<string, CustomerMatch>> {
  const unique = [...new Set(refs)];
  const ids = unique.filter((ref) => UUID.test(ref)).map((ref) => ref.toLowerCase());
  const emails = unique.filter((ref) => ref.includes("@")).map((ref) => ref.toLowerCase());
  const found =
    unique.length === 0
      ? []
      : await db.$queryRaw<{ ref: string; customerId: string }[]>`
          SELECT 'id:' || c.id::text AS ref, c.id::text AS "customerId" FROM customer c WHERE c.id = ANY(${ids}::uuid[])
          UNION ALL
          SELECT 'email:' || c.email AS ref, c.id::text AS "customerId" FROM customer c WHERE c.email = ANY(${emails}::text[])
          UNION ALL
          SELECT 'ext:' || c.external_id AS ref, c.id::text AS "customerId" FROM customer c WHERE c.external_id = ANY(${unique}::text[])`;
  const byRef = new Map<string, string[]>();
  for (const row of found) byRef.set(row.ref, [...(byRef.get(row.ref) ?? []), row.customerId]);
  return new Map<string, CustomerMatch>(
    unique.map((ref): [string, CustomerMatch] => {
      const lower = ref.toLowerCase();
      const matches = new Set([...(byRef.get(`id:${lower}`) ?? []), ...(byRef.get(`email:${lower}`) ?? []), ...(byRef.get(`ext:${ref}`) ?? [])]);
      if (matches.size === 0) return [ref, { problem: "Unknown customer" }];
      if (matches.size > 1) return [ref, { problem: "Ambiguous customer: it matches more than one customer" }];
      return [ref, { customerId: [...matches][0]! }];
    }),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const listCategoriesForBulk = (db: DbTx) =>
  db.$queryRaw<{ id: string; name: string; isActive: boolean }[]>`SELECT id::text, name, is_active AS "isActive" FROM credit_category`;

export const listEnabledCurrencies = async (db: DbTx) =>
  (await db.$queryRaw<{ code: string }[]>`SELECT code::text AS code FROM store_currency WHERE is_enabled`).map((row) => row.code);

export type BatchRecord = {
  id: string;
  status: BulkStatus;
  fileName: string;
  declaredRows: number;
  receivedRows: number;
  receivedChars: bigint;
  contentSha256: string | null;
  createdById: string;
  createdByName: string;
  issuedById: string | null;
  approvalRequestId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  validRows: number;
  invalidRows: number;
  createdRows: number;
  skippedRows: number;
  failedRows: number;
  cancelledRows: number;
  /** As stored: amounts as decimal text of minor units. */
  totals: { currency: string; rowCount: number; amountMinor: string }[];
};

const BATCH_COLUMNS = columnList<BatchRecord>(
  { b: "bulk_credit_batch", s: "staff_user" },
  {
    id: "b.id",
    status: "b.status",
    fileName: "b.file_name",
    declaredRows: "b.declared_rows",
    receivedRows: "b.received_rows",
    receivedChars: "b.received_chars",
    contentSha256: "b.content_sha256",
    createdById: "b.created_by_id",
    createdByName: "s.name",
    issuedById: "b.issued_by_id",
    approvalRequestId: "b.approval_request_id",
    createdAt: "b.created_at",
    startedAt: "b.started_at",
    finishedAt: "b.finished_at",
    validRows: "b.valid_rows",
    invalidRows: "b.invalid_rows",
    createdRows: "b.created_rows",
    skippedRows: "b.skipped_rows",
    failedRows: "b.failed_rows",
    cancelledRows: "b.cancelled_rows",
    totals: "b.totals",
  },
);

export const insertBatch = (db: DbTx, b: { id: string; fileName: string; declaredRows: number; createdById: string }) =>
  db.$executeRaw`
    INSERT INTO bulk_credit_batch (id, file_name, declared_rows, created_by_id)
    VALUES (${b.id}::uuid, ${b.fileName}, ${b.declaredRows}, ${b.createdById}::uuid)`;

export async function findBatch(db: DbTx, batchId: string, opts: { forUpdate?: boolean } = {}): Promise<BatchRecord | null> {
  const lock = opts.forUpdate ? Prisma.sql`FOR UPDATE OF b` : Prisma.empty;
  const [row] = await db.$queryRaw<BatchRecord[]>`
    SELECT ${BATCH_COLUMNS} FROM bulk_credit_batch b JOIN staff_user s ON s.id = b.created_by_id
    WHERE b.id = ${batchId}::uuid ${lock}`;
  return row ?? null;
}

export const listRecentBatches = (db: DbTx, limit: number) =>
  db.$queryRaw<BatchRecord[]>`
    SELECT ${BATCH_COLUMNS} FROM bulk_credit_batch b JOIN staff_user s ON s.id = b.created_by_id
    WHERE b.status <> 'DRAFT' ORDER BY b.created_at DESC, b.id DESC LIMIT ${limit}`;

/** A row as the service resolved it, ready to store. */
export type RowToStore = {
  line: number;
  customerRef: string;
  amountText: string;
  currency: string;
  categoryText: string;
  memo: string | null;
  expiryText: string | null;
  notifyText: string | null;
  customerId: string | null;
  amountMinor: bigint | null;
  categoryId: string | null;
  expiresAt: Date | null;
  notify: boolean;
  problem: string | null;
};

/**
 * Stores one piece of rows and counts it on the draft, in one statement; a line sent twice (a
 * retried piece) is stored once. Returns how many rows were new.
 */
export async function insertRows(db: DbTx, batchId: string, rows: RowToStore[], chars: number): Promise<number> {
  const json = JSON.stringify(
    rows.map((r) => ({
      ...r,
      amountMinor: r.amountMinor === null ? null : r.amountMinor.toString(),
      expiresAt: r.expiresAt?.toISOString() ?? null,
      status: r.problem === null ? "PENDING" : "INVALID",
    })),
  );
  const [result] = await db.$queryRaw<{ inserted: number }[]>`
    WITH ins AS (
      INSERT INTO bulk_credit_row (batch_id, line, customer_ref, amount_text, currency, category_text, memo, expiry_text, notify_text,
        customer_id, amount_minor, category_id, expires_at, notify, problem, status)
      SELECT ${batchId}::uuid, x.line, x."customerRef", x."amountText", x.currency, x."categoryText", x.memo, x."expiryText", x."notifyText",
        x."customerId"::uuid, x."amountMinor"::bigint, x."categoryId"::uuid, x."expiresAt"::timestamptz, x.notify, x.problem, x.status
      FROM jsonb_to_recordset(${json}::jsonb) AS x(line int, "customerRef" text, "amountText" text, currency text, "categoryText" text,
        memo text, "expiryText" text, "notifyText" text, "customerId" text, "amountMinor" text, "categoryId" text, "expiresAt" text,
        notify boolean, problem text, status text)
      ON CONFLICT (batch_id, line) DO NOTHING
      RETURNING 1
    ), counted AS (
      UPDATE bulk_credit_batch SET received_rows = received_rows + (SELECT count(*) FROM ins), received_chars = received_chars + ${chars}
      WHERE id = ${batchId}::uuid
    )
    SELECT count(*)::int AS inserted FROM ins`;
  return result?.inserted ?? 0;
}

export const deleteDraft = (db: DbTx, batchId: string) => db.$executeRaw`DELETE FROM bulk_credit_batch WHERE id = ${batchId}::uuid AND status = 'DRAFT'`;

/**
 * The preview's checks over the whole file: a line equal to an earlier one (same customer,
 * amount, currency, category, memo and expiry) is a duplicate; then the valid count and the
 * content's sha256 (every line as received, in order).
 */
export async function finishDraft(db: DbTx, batchId: string): Promise<{ contentSha256: string; validRows: number }> {
  await db.$executeRaw`
    UPDATE bulk_credit_row r SET status = 'INVALID', problem = 'Duplicate of line ' || d.first_line
    FROM (
      SELECT line, min(line) OVER (PARTITION BY customer_id, amount_minor, currency, category_id, coalesce(memo, ''), expires_at) AS first_line
      FROM bulk_credit_row WHERE batch_id = ${batchId}::uuid AND problem IS NULL
    ) d
    WHERE r.batch_id = ${batchId}::uuid AND r.line = d.line AND d.line <> d.first_line`;
  const [row] = await db.$queryRaw<{ contentSha256: string; validRows: number }[]>`
    WITH h AS (
      SELECT encode(sha256(convert_to(coalesce(string_agg(
        concat_ws(E'\\x1f', line, customer_ref, amount_text, currency, category_text, memo, expiry_text, notify_text), E'\\x1e' ORDER BY line), ''), 'UTF8')), 'hex') AS sha,
        (count(*) FILTER (WHERE status = 'PENDING'))::int AS valid,
        (count(*) FILTER (WHERE status = 'INVALID'))::int AS invalid
      FROM bulk_credit_row WHERE batch_id = ${batchId}::uuid
    ), t AS (
      SELECT coalesce(jsonb_agg(jsonb_build_object('currency', currency, 'rowCount', n, 'amountMinor', total::text) ORDER BY currency), '[]') AS totals
      FROM (SELECT currency, count(*)::int AS n, sum(amount_minor) AS total FROM bulk_credit_row
            WHERE batch_id = ${batchId}::uuid AND status = 'PENDING' GROUP BY currency) c
    )
    UPDATE bulk_credit_batch b SET content_sha256 = h.sha, valid_rows = h.valid, invalid_rows = h.invalid, totals = t.totals
    FROM h, t WHERE b.id = ${batchId}::uuid
    RETURNING h.sha AS "contentSha256", h.valid AS "validRows"`;
  return row!;
}

/** The issued batch with the same content, if any: "already issued on … by …". */
export const findIssuedWithContent = async (db: DbTx, contentSha256: string, exceptId: string) =>
  (
    await db.$queryRaw<{ batchId: string; issuedAt: Date; issuedBy: string }[]>`
      SELECT b.id::text AS "batchId", coalesce(b.started_at, b.created_at) AS "issuedAt", s.name AS "issuedBy"
      FROM bulk_credit_batch b JOIN staff_user s ON s.id = b.created_by_id
      WHERE b.content_sha256 = ${contentSha256} AND b.id <> ${exceptId}::uuid
        AND b.status IN ('PENDING_APPROVAL', 'RUNNING', 'COMPLETED', 'CANCELLED')
      LIMIT 1`
  )[0] ?? null;

export const currencyTotals = (db: DbTx, batchId: string) =>
  db.$queryRaw<BulkCurrencyTotal[]>`
    SELECT currency, count(*)::int AS "rowCount", sum(amount_minor)::bigint AS "amountMinor"
    FROM bulk_credit_row WHERE batch_id = ${batchId}::uuid AND status <> 'INVALID'
    GROUP BY currency ORDER BY currency`;

/** The largest single amount per currency among the rows to issue (for the single-credit limit). */
export const largestAmounts = (db: DbTx, batchId: string) =>
  db.$queryRaw<{ currency: string; amountMinor: bigint; line: number }[]>`
    SELECT DISTINCT ON (currency) currency, amount_minor AS "amountMinor", line
    FROM bulk_credit_row WHERE batch_id = ${batchId}::uuid AND status = 'PENDING'
    ORDER BY currency, amount_minor DESC, line`;

const ROW_COLUMNS = columnList<BulkRowView>(
  { r: "bulk_credit_row" },
  {
    line: "r.line",
    customer: "r.customer_ref",
    customerId: "r.customer_id",
    amount: "r.amount_text",
    currency: "r.currency",
    category: "r.category_text",
    memo: "r.memo",
    expiry: "r.expiry_text",
    notify: "r.notify_text",
    status: "r.status",
    problem: "r.problem",
    creditId: "r.credit_id",
    message: "r.message",
  },
);

export const listRows = (db: DbTx, q: { batchId: string; statuses: BulkRowStatus[] | null; afterLine: number; limit: number }) =>
  db.$queryRaw<BulkRowView[]>`
    SELECT ${ROW_COLUMNS} FROM bulk_credit_row r
    WHERE r.batch_id = ${q.batchId}::uuid AND r.line > ${q.afterLine}
      ${q.statuses ? Prisma.sql`AND r.status = ANY(${q.statuses}::text[])` : Prisma.empty}
    ORDER BY r.line LIMIT ${q.limit}`;

/** Which batch (and line) made a credit: the credit page's link back. */
export const findRowOfCredit = async (db: DbTx, creditId: string) =>
  (
    await db.$queryRaw<{ batchId: string; line: number; fileName: string }[]>`
      SELECT r.batch_id::text AS "batchId", r.line, b.file_name AS "fileName"
      FROM bulk_credit_row r JOIN bulk_credit_batch b ON b.id = r.batch_id
      WHERE r.credit_id = ${creditId}::uuid`
  )[0] ?? null;

/** Starts a draft: RUNNING under `issuedById`, its valid rows cut into chunks of `chunkRows`. */
export const startBatchSql = (batchId: string, issuedById: string, chunkRows: number): Prisma.Sql[] => [
  Prisma.sql`
    UPDATE bulk_credit_batch SET status = 'RUNNING', issued_by_id = ${issuedById}::uuid, started_at = now()
    WHERE id = ${batchId}::uuid`,
  Prisma.sql`
    INSERT INTO bulk_credit_chunk (batch_id, chunk_no, first_line, last_line)
    SELECT ${batchId}::uuid, n, min(line), max(line)
    FROM (SELECT line, (row_number() OVER (ORDER BY line) - 1) / ${chunkRows} AS n
          FROM bulk_credit_row WHERE batch_id = ${batchId}::uuid AND status = 'PENDING') r
    GROUP BY n`,
];

export const markPendingApprovalSql = (batchId: string, approvalRequestId: string) => Prisma.sql`
  UPDATE bulk_credit_batch SET status = 'PENDING_APPROVAL', approval_request_id = ${approvalRequestId}::uuid, started_at = now()
  WHERE id = ${batchId}::uuid`;

export const markRejected = (db: DbTx, approvalRequestId: string) => db.$executeRaw`
  UPDATE bulk_credit_batch SET status = 'REJECTED', finished_at = now()
  WHERE approval_request_id = ${approvalRequestId}::uuid AND status = 'PENDING_APPROVAL'`;

/**
 * Cancels a running batch: the rows of chunks no worker ever took are CANCELLED and those chunks
 * closed. A chunk in a worker's hands is finished by it (its rows issued and counted); one a
 * worker took before (it died, or gave it back) may hold credits whose outcome is not recorded, so
 * the next worker that takes it sorts it out (issueChunk: issued rows skipped, the rest cancelled).
 */
export async function cancelBatch(db: DbTx, batchId: string, staffId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ cancelled: number }[]>`
    WITH c AS (
      UPDATE bulk_credit_chunk SET is_done = true
      WHERE batch_id = ${batchId}::uuid AND NOT is_done AND attempts = 0
      RETURNING first_line, last_line
    ), r AS (
      UPDATE bulk_credit_row r SET status = 'CANCELLED', done_at = now()
      FROM c WHERE r.batch_id = ${batchId}::uuid AND r.line BETWEEN c.first_line AND c.last_line AND r.status = 'PENDING'
      RETURNING 1
    ), b AS (
      UPDATE bulk_credit_batch SET status = 'CANCELLED', cancelled_at = now(), cancelled_by_id = ${staffId}::uuid, finished_at = now(),
        cancelled_rows = cancelled_rows + (SELECT count(*) FROM r)
      WHERE id = ${batchId}::uuid AND status = 'RUNNING'
    )
    SELECT count(*)::int AS cancelled FROM r`;
  return row?.cancelled ?? 0;
}

export type ChunkClaim = { batchId: string; chunkNo: number; firstLine: number; lastLine: number; issuedById: string; batchStatus: BulkStatus };

/**
 * Leases the next open chunk of the oldest running batch for `leaseSeconds`: chunks others hold
 * are skipped (SKIP LOCKED while claiming, the lease after), a chunk whose lease ran out (its
 * worker died) is taken again.
 */
export async function claimChunk(db: DbTx, leaseSeconds: number): Promise<ChunkClaim | null> {
  const [row] = await db.$queryRaw<ChunkClaim[]>`
    UPDATE bulk_credit_chunk c SET leased_until = now() + make_interval(secs => ${leaseSeconds}), attempts = c.attempts + 1
    FROM (
      SELECT k.batch_id, k.chunk_no FROM bulk_credit_chunk k JOIN bulk_credit_batch b ON b.id = k.batch_id
      WHERE b.status IN ('RUNNING', 'CANCELLED') AND NOT k.is_done AND (k.leased_until IS NULL OR k.leased_until < now())
      ORDER BY b.created_at, k.chunk_no LIMIT 1 FOR UPDATE OF k SKIP LOCKED
    ) next, bulk_credit_batch b
    WHERE c.batch_id = next.batch_id AND c.chunk_no = next.chunk_no AND b.id = c.batch_id
    RETURNING c.batch_id::text AS "batchId", c.chunk_no AS "chunkNo", c.first_line AS "firstLine", c.last_line AS "lastLine",
      b.issued_by_id::text AS "issuedById", b.status AS "batchStatus"`;
  return row ?? null;
}

export type PendingRow = {
  line: number;
  customerId: string;
  amountText: string;
  amountMinor: bigint;
  currency: string;
  categoryId: string;
  memo: string | null;
  expiresAt: Date | null;
  notify: boolean;
};

export const pendingRowsOf = (db: DbTx, chunk: Pick<ChunkClaim, "batchId" | "firstLine" | "lastLine">) =>
  db.$queryRaw<PendingRow[]>`
    SELECT line, customer_id::text AS "customerId", amount_text AS "amountText", amount_minor AS "amountMinor", currency,
      category_id::text AS "categoryId", memo, expires_at AS "expiresAt", notify
    FROM bulk_credit_row
    WHERE batch_id = ${chunk.batchId}::uuid AND line BETWEEN ${chunk.firstLine} AND ${chunk.lastLine} AND status = 'PENDING'
    ORDER BY line`;

/** The keys of `keys` this actor already used for `operation` (rows a crashed run issued). */
export const usedKeys = async (db: DbTx, q: { actorId: string; operation: string; keys: string[] }) =>
  new Set(
    (
      await db.$queryRaw<{ key: string }[]>`
        SELECT key::text AS key FROM idempotency_key
        WHERE actor_id = ${q.actorId}::uuid AND operation = ${q.operation} AND key = ANY(${q.keys}::uuid[])`
    ).map((row) => row.key),
  );

export type RowOutcome = { line: number; status: "CREATED" | "SKIPPED" | "FAILED" | "CANCELLED"; creditId: string | null; message: string | null };

/**
 * Records a chunk's outcomes, counts them on the batch and closes the chunk, in one statement; only
 * rows still waiting are recorded and counted (a chunk finished twice counts once). Then completes
 * the batch when no chunk is open.
 */
export async function finishChunk(db: DbTx, chunk: Pick<ChunkClaim, "batchId" | "chunkNo" | "firstLine" | "lastLine">, outcomes: RowOutcome[]): Promise<void> {
  const json = JSON.stringify(outcomes);
  // The chunk's line range bounds the rows read whatever the plan: a batch's rows are fresh, so
  // their statistics often say "empty", and without the range a nested loop read every waiting
  // row of the batch for each chunk (quadratic: 18 s per chunk at 100,000 rows).
  await db.$executeRaw`
    WITH r AS (
      UPDATE bulk_credit_row r SET status = x.status, credit_id = x."creditId"::uuid, message = x.message, done_at = now()
      FROM jsonb_to_recordset(${json}::jsonb) AS x(line int, status text, "creditId" text, message text)
      WHERE r.batch_id = ${chunk.batchId}::uuid AND r.line BETWEEN ${chunk.firstLine} AND ${chunk.lastLine} AND r.line = x.line AND r.status = 'PENDING'
      RETURNING r.status
    ), c AS (
      UPDATE bulk_credit_chunk SET is_done = true, leased_until = NULL WHERE batch_id = ${chunk.batchId}::uuid AND chunk_no = ${chunk.chunkNo}
    )
    UPDATE bulk_credit_batch SET
      created_rows = created_rows + (SELECT count(*) FROM r WHERE status = 'CREATED'),
      skipped_rows = skipped_rows + (SELECT count(*) FROM r WHERE status = 'SKIPPED'),
      failed_rows = failed_rows + (SELECT count(*) FROM r WHERE status = 'FAILED'),
      cancelled_rows = cancelled_rows + (SELECT count(*) FROM r WHERE status = 'CANCELLED')
    WHERE id = ${chunk.batchId}::uuid`;
  await db.$executeRaw`
    UPDATE bulk_credit_batch SET status = 'COMPLETED', finished_at = now()
    WHERE id = ${chunk.batchId}::uuid AND status = 'RUNNING'
      AND NOT EXISTS (SELECT 1 FROM bulk_credit_chunk WHERE batch_id = ${chunk.batchId}::uuid AND NOT is_done)`;
}

/** Gives a chunk back at once (its worker is stopping), so another takes it without waiting for the lease. */
export const releaseChunk = (db: DbTx, chunk: Pick<ChunkClaim, "batchId" | "chunkNo">) =>
  db.$executeRaw`UPDATE bulk_credit_chunk SET leased_until = NULL WHERE batch_id = ${chunk.batchId}::uuid AND chunk_no = ${chunk.chunkNo} AND NOT is_done`;
