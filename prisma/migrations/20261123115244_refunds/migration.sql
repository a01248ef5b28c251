-- CreateEnum
CREATE TYPE "RefundType" AS ENUM ('ORIGINAL_METHOD', 'STORE_CREDIT');

-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "RefundReason" AS ENUM ('REQUESTED_BY_CUSTOMER', 'DUPLICATE', 'FRAUDULENT', 'PRODUCT_NOT_RECEIVED', 'PRODUCT_DEFECTIVE', 'OTHER');

-- AlterTable
ALTER TABLE "payment" ADD COLUMN     "pending_refund_minor" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "refund" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "payment_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "type" "RefundType" NOT NULL,
    "status" "RefundStatus" NOT NULL,
    "reason" "RefundReason" NOT NULL,
    "explanation" TEXT,
    "note" TEXT,
    "notify_customer" BOOLEAN NOT NULL,
    "idempotency_key" UUID NOT NULL,
    "gateway_name" TEXT,
    "gateway_ref" TEXT,
    "failure_reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "credit_id" UUID,
    "notification_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settled_at" TIMESTAMPTZ(3),

    CONSTRAINT "refund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sandbox_gateway_refund" (
    "idempotency_key" UUID NOT NULL,
    "payment_ref" TEXT NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "gateway_ref" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sandbox_gateway_refund_pkey" PRIMARY KEY ("idempotency_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "refund_reference_key" ON "refund"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "refund_idempotency_key_key" ON "refund"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "refund_credit_id_key" ON "refund"("credit_id");

-- CreateIndex
CREATE INDEX "refund_payment_created_idx" ON "refund"("payment_id", "created_at");

-- CreateIndex
CREATE INDEX "refund_created_idx" ON "refund"("created_at", "id");

-- CreateIndex
CREATE INDEX "refund_status_created_idx" ON "refund"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_gateway_refund_gateway_ref_key" ON "sandbox_gateway_refund"("gateway_ref");

-- CreateIndex
CREATE INDEX "sandbox_gateway_refund_payment_idx" ON "sandbox_gateway_refund"("payment_ref");

-- AddForeignKey
ALTER TABLE "refund" ADD CONSTRAINT "refund_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refund" ADD CONSTRAINT "refund_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refund" ADD CONSTRAINT "refund_credit_id_fkey" FOREIGN KEY ("credit_id") REFERENCES "store_credit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refund" ADD CONSTRAINT "refund_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written below: what schema.prisma cannot express.

-- Settled plus reserved refunds never exceed what was captured.
ALTER TABLE "payment" DROP CONSTRAINT "payment_amounts_check";
ALTER TABLE "payment" ADD CONSTRAINT "payment_amounts_check" CHECK (
  "amount_minor" > 0 AND "refunded_minor" >= 0 AND "pending_refund_minor" >= 0
  AND "refunded_minor" + "pending_refund_minor" <= "amount_minor");

ALTER TABLE "refund"
  ADD CONSTRAINT "refund_amount_check" CHECK ("amount_minor" > 0),
  ADD CONSTRAINT "refund_explanation_check" CHECK ("reason" <> 'OTHER' OR length(btrim("explanation")) > 0),
  ADD CONSTRAINT "refund_settled_check" CHECK (("status" = 'PENDING') = ("settled_at" IS NULL)),
  ADD CONSTRAINT "refund_store_credit_check" CHECK ("type" <> 'STORE_CREDIT' OR "status" <> 'SUCCEEDED' OR "credit_id" IS NOT NULL);

-- A refund is history: it is never deleted, and once settled it never changes again.
CREATE FUNCTION "refuse_settled_refund_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD."status" <> 'PENDING' THEN
    RAISE EXCEPTION 'refund %: % of a % refund is not allowed', OLD."reference", TG_OP, OLD."status"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "refund_settle_only" BEFORE UPDATE OR DELETE ON "refund"
  FOR EACH ROW EXECUTE FUNCTION "refuse_settled_refund_change"();
CREATE TRIGGER "refund_no_truncate" BEFORE TRUNCATE ON "refund"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_append_only_change"();
