-- Trigram matching for customer search; PGlite ships pg_trgm too (loaded by server/db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Derived search columns. Existing rows are backfilled in SQL (without accent folding, which the
-- app adds for rows it writes); then the columns become required.
ALTER TABLE "customer" ADD COLUMN     "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "phone_digits" TEXT,
ADD COLUMN     "search_name" TEXT,
ADD COLUMN     "sort_name" TEXT;

UPDATE "customer" SET
  "email" = lower("email"),
  "search_name" = lower(trim("first_name" || ' ' || "last_name")),
  "sort_name" = lower(trim("last_name" || ' ' || "first_name")),
  "phone_digits" = NULLIF(regexp_replace(coalesce("phone", ''), '\D', '', 'g'), ''),
  "last_activity_at" = "created_at";

ALTER TABLE "customer" ALTER COLUMN "search_name" SET NOT NULL,
ALTER COLUMN "sort_name" SET NOT NULL;

-- CreateIndex
CREATE INDEX "customer_search_name_trgm_idx" ON "customer" USING GIN ("search_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "customer_email_trgm_idx" ON "customer" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "customer_phone_digits_trgm_idx" ON "customer" USING GIN ("phone_digits" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "customer_sort_name_id_idx" ON "customer"("sort_name", "id");

-- CreateIndex
CREATE INDEX "customer_created_at_id_idx" ON "customer"("created_at", "id");

-- CreateIndex
CREATE INDEX "customer_last_activity_at_id_idx" ON "customer"("last_activity_at", "id");
