-- CreateTable
CREATE TABLE "limit_usage" (
    "id" UUID NOT NULL,
    "staff_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "limit_usage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "limit_usage_staff_id_kind_currency_at_idx" ON "limit_usage"("staff_id", "kind", "currency", "at");

ALTER TABLE "limit_usage" ADD CONSTRAINT "limit_usage_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "limit_usage" ADD CONSTRAINT "limit_usage_kind_check" CHECK ("kind" IN ('credit', 'refund'));
ALTER TABLE "limit_usage" ADD CONSTRAINT "limit_usage_amount_positive" CHECK ("amount_minor" > 0);
