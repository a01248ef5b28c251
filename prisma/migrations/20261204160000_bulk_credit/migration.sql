-- Bulk credit from a CSV (issue 15): a batch, its rows (one per CSV line) and its chunks (the
-- queued units of work). Credits themselves are written by the single-credit service; a row
-- links to its credit.

-- A bulk batch may be one approval request for many customers: no single customer then.
ALTER TABLE "approval_request" ALTER COLUMN "customer_id" DROP NOT NULL;
ALTER TABLE "approval_request" DROP CONSTRAINT "approval_request_operation_check";
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_operation_check"
  CHECK ("operation" IN ('credit.issue', 'credit.send', 'credit.update', 'credit.set_balance', 'refund.create', 'credit.bulk'));
-- Only a bulk batch has no customer.
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_customer_check" CHECK ("customer_id" IS NOT NULL OR "operation" = 'credit.bulk');

CREATE TABLE "bulk_credit_batch" (
    "id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "file_name" TEXT NOT NULL,
    "declared_rows" INTEGER NOT NULL,
    "received_rows" INTEGER NOT NULL DEFAULT 0,
    "received_chars" BIGINT NOT NULL DEFAULT 0,
    "content_sha256" TEXT,
    "created_by_id" UUID NOT NULL,
    "issued_by_id" UUID,
    "approval_request_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "cancelled_by_id" UUID,
    "valid_rows" INTEGER NOT NULL DEFAULT 0,
    -- Counted as rows change (the progress bar reads these, never the rows).
    "invalid_rows" INTEGER NOT NULL DEFAULT 0,
    "created_rows" INTEGER NOT NULL DEFAULT 0,
    "skipped_rows" INTEGER NOT NULL DEFAULT 0,
    "failed_rows" INTEGER NOT NULL DEFAULT 0,
    "cancelled_rows" INTEGER NOT NULL DEFAULT 0,
    -- [{ currency, rowCount, amountMinor }] of the valid rows, set when the upload finishes.
    "totals" JSONB NOT NULL DEFAULT '[]',
    CONSTRAINT "bulk_credit_batch_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "bulk_credit_batch_status_check" CHECK ("status" IN ('DRAFT', 'PENDING_APPROVAL', 'RUNNING', 'COMPLETED', 'CANCELLED', 'REJECTED'))
);

-- One issued (or issuing) batch per file content: the same file twice creates nothing new.
CREATE UNIQUE INDEX "bulk_credit_batch_content_issued_key" ON "bulk_credit_batch"("content_sha256")
    WHERE "status" IN ('PENDING_APPROVAL', 'RUNNING', 'COMPLETED', 'CANCELLED');
CREATE INDEX "bulk_credit_batch_created_at_id_idx" ON "bulk_credit_batch"("created_at", "id");
CREATE INDEX "bulk_credit_batch_running_idx" ON "bulk_credit_batch"("created_at") WHERE "status" = 'RUNNING';

ALTER TABLE "bulk_credit_batch" ADD CONSTRAINT "bulk_credit_batch_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "bulk_credit_batch" ADD CONSTRAINT "bulk_credit_batch_issued_by_id_fkey" FOREIGN KEY ("issued_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "bulk_credit_row" (
    "batch_id" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "customer_ref" TEXT NOT NULL,
    "amount_text" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "category_text" TEXT NOT NULL,
    "memo" TEXT,
    "expiry_text" TEXT,
    "notify_text" TEXT,
    "customer_id" UUID,
    "amount_minor" BIGINT,
    "category_id" UUID,
    "expires_at" TIMESTAMPTZ(3),
    "notify" BOOLEAN NOT NULL DEFAULT false,
    -- Why the row cannot be issued (null: valid); shown in the preview with its line number.
    "problem" TEXT,
    -- INVALID (has a problem), PENDING (to issue), CREATED, SKIPPED (already issued by this batch), FAILED, CANCELLED.
    "status" TEXT NOT NULL,
    "credit_id" UUID,
    "message" TEXT,
    "done_at" TIMESTAMPTZ(3),
    CONSTRAINT "bulk_credit_row_pkey" PRIMARY KEY ("batch_id", "line"),
    CONSTRAINT "bulk_credit_row_status_check" CHECK ("status" IN ('INVALID', 'PENDING', 'CREATED', 'SKIPPED', 'FAILED', 'CANCELLED'))
);

CREATE INDEX "bulk_credit_row_credit_id_idx" ON "bulk_credit_row"("credit_id") WHERE "credit_id" IS NOT NULL;
ALTER TABLE "bulk_credit_row" ADD CONSTRAINT "bulk_credit_row_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "bulk_credit_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "bulk_credit_chunk" (
    "batch_id" UUID NOT NULL,
    "chunk_no" INTEGER NOT NULL,
    "first_line" INTEGER NOT NULL,
    "last_line" INTEGER NOT NULL,
    "is_done" BOOLEAN NOT NULL DEFAULT false,
    -- A worker holds the chunk until then; a worker that died lets it go when it passes.
    "leased_until" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "bulk_credit_chunk_pkey" PRIMARY KEY ("batch_id", "chunk_no")
);

CREATE INDEX "bulk_credit_chunk_open_idx" ON "bulk_credit_chunk"("batch_id", "chunk_no") WHERE NOT "is_done";
ALTER TABLE "bulk_credit_chunk" ADD CONSTRAINT "bulk_credit_chunk_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "bulk_credit_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
