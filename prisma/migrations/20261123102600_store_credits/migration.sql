-- CreateEnum
CREATE TYPE "CreditEventType" AS ENUM ('ISSUED', 'ADJUSTED_UP', 'ADJUSTED_DOWN', 'VOIDED', 'EXPIRED', 'USED', 'USE_REVERSED', 'REFUNDED_TO_CREDIT');

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('SMS', 'EMAIL');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "PaymentMethodKind" AS ENUM ('CARD', 'PAYPAL', 'BANK_TRANSFER', 'STORE_CREDIT', 'MANUAL', 'CASH');

-- CreateTable
CREATE TABLE "store_currency" (
    "code" CHAR(3) NOT NULL,
    "is_enabled" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "store_currency_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "credit_category" (
    "id" UUID NOT NULL,
    "key" TEXT,
    "name" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "adjustment_reason" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "adjustment_reason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_infrastructure" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_infrastructure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_method" (
    "id" UUID NOT NULL,
    "infrastructure_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_method_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "store_credit" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "used_minor" BIGINT NOT NULL DEFAULT 0,
    "removed_minor" BIGINT NOT NULL DEFAULT 0,
    "category_id" UUID NOT NULL,
    "memo" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "expiry_processed_at" TIMESTAMPTZ(3),
    "payment_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voided_at" TIMESTAMPTZ(3),
    "voided_by_id" UUID,
    "void_reason" TEXT,

    CONSTRAINT "store_credit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_balance" (
    "customer_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "balance_minor" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_balance_pkey" PRIMARY KEY ("customer_id","currency")
);

-- CreateTable
CREATE TABLE "credit_event" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "customer_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "credit_id" UUID NOT NULL,
    "type" "CreditEventType" NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "balance_after_minor" BIGINT NOT NULL,
    "actor_id" UUID,
    "reason_id" UUID,
    "reason" TEXT,
    "memo" TEXT,
    "operation_id" UUID NOT NULL,
    "reversed_operation_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_key" (
    "key" UUID NOT NULL,
    "operation" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" UUID NOT NULL,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "customer_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "refunded_minor" BIGINT NOT NULL DEFAULT 0,
    "method_kind" "PaymentMethodKind" NOT NULL,
    "card_brand" TEXT,
    "card_last4" CHAR(4),
    "gateway_name" TEXT,
    "infrastructure_id" UUID,
    "method_id" UUID,
    "is_revenue" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT,
    "captured_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "credit_category_key_key" ON "credit_category"("key");

-- CreateIndex
CREATE UNIQUE INDEX "credit_category_name_key" ON "credit_category"("name");

-- CreateIndex
CREATE UNIQUE INDEX "adjustment_reason_name_key" ON "adjustment_reason"("name");

-- CreateIndex
CREATE UNIQUE INDEX "payment_infrastructure_name_key" ON "payment_infrastructure"("name");

-- CreateIndex
CREATE UNIQUE INDEX "payment_method_infrastructure_id_name_key" ON "payment_method"("infrastructure_id", "name");

-- CreateIndex
CREATE INDEX "store_credit_customer_created_idx" ON "store_credit"("customer_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "store_credit_expiry_idx" ON "store_credit"("expiry_processed_at", "expires_at");

-- CreateIndex
CREATE INDEX "credit_event_customer_seq_idx" ON "credit_event"("customer_id", "seq");

-- CreateIndex
CREATE INDEX "credit_event_credit_seq_idx" ON "credit_event"("credit_id", "seq");

-- CreateIndex
CREATE INDEX "credit_event_operation_idx" ON "credit_event"("operation_id");

-- CreateIndex
CREATE INDEX "audit_log_entity_idx" ON "audit_log"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");

-- CreateIndex
CREATE INDEX "notification_customer_created_idx" ON "notification"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "notification_due_idx" ON "notification"("status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "payment_reference_key" ON "payment"("reference");

-- CreateIndex
CREATE INDEX "payment_customer_captured_idx" ON "payment"("customer_id", "captured_at", "id");

-- AddForeignKey
ALTER TABLE "payment_method" ADD CONSTRAINT "payment_method_infrastructure_id_fkey" FOREIGN KEY ("infrastructure_id") REFERENCES "payment_infrastructure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "store_credit" ADD CONSTRAINT "store_credit_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "store_credit" ADD CONSTRAINT "store_credit_currency_fkey" FOREIGN KEY ("currency") REFERENCES "store_currency"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "store_credit" ADD CONSTRAINT "store_credit_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "credit_category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "store_credit" ADD CONSTRAINT "store_credit_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "store_credit" ADD CONSTRAINT "store_credit_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "store_credit" ADD CONSTRAINT "store_credit_voided_by_id_fkey" FOREIGN KEY ("voided_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_balance" ADD CONSTRAINT "credit_balance_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_balance" ADD CONSTRAINT "credit_balance_currency_fkey" FOREIGN KEY ("currency") REFERENCES "store_currency"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_event" ADD CONSTRAINT "credit_event_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_event" ADD CONSTRAINT "credit_event_credit_id_fkey" FOREIGN KEY ("credit_id") REFERENCES "store_credit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_event" ADD CONSTRAINT "credit_event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_event" ADD CONSTRAINT "credit_event_reason_id_fkey" FOREIGN KEY ("reason_id") REFERENCES "adjustment_reason"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_currency_fkey" FOREIGN KEY ("currency") REFERENCES "store_currency"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_infrastructure_id_fkey" FOREIGN KEY ("infrastructure_id") REFERENCES "payment_infrastructure"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_method_id_fkey" FOREIGN KEY ("method_id") REFERENCES "payment_method"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written below: what schema.prisma cannot express.

-- Money invariants hold in the database itself, whatever code writes the rows.
ALTER TABLE "store_currency" ADD CONSTRAINT "store_currency_code_check" CHECK ("code" ~ '^[A-Z]{3}$');

ALTER TABLE "store_credit"
  ADD CONSTRAINT "store_credit_amounts_check" CHECK (
    "amount_minor" >= 0 AND "used_minor" >= 0 AND "removed_minor" >= 0
    AND "used_minor" + "removed_minor" <= "amount_minor"),
  ADD CONSTRAINT "store_credit_void_check" CHECK (("voided_at" IS NULL) = ("void_reason" IS NULL));

ALTER TABLE "credit_balance" ADD CONSTRAINT "credit_balance_not_negative_check" CHECK ("balance_minor" >= 0);

-- Each event type moves the balance one way only; nothing is ever written for zero.
ALTER TABLE "credit_event"
  ADD CONSTRAINT "credit_event_balance_after_check" CHECK ("balance_after_minor" >= 0),
  ADD CONSTRAINT "credit_event_sign_check" CHECK (
    CASE WHEN "type" IN ('ISSUED', 'ADJUSTED_UP', 'USE_REVERSED', 'REFUNDED_TO_CREDIT')
         THEN "amount_minor" > 0 ELSE "amount_minor" < 0 END);

ALTER TABLE "payment" ADD CONSTRAINT "payment_amounts_check" CHECK (
  "amount_minor" > 0 AND "refunded_minor" >= 0 AND "refunded_minor" <= "amount_minor");

ALTER TABLE "notification" ADD CONSTRAINT "notification_attempts_check" CHECK ("attempts" >= 0);

-- The ledger and the audit log are append-only: history is corrected by new rows, never edits.
CREATE FUNCTION "refuse_append_only_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'integrity_constraint_violation',
          HINT = 'Record a correcting entry instead.';
END;
$$;

CREATE TRIGGER "credit_event_append_only" BEFORE UPDATE OR DELETE ON "credit_event"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();
CREATE TRIGGER "credit_event_no_truncate" BEFORE TRUNCATE ON "credit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_append_only_change"();
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_append_only_change"();

-- Reference data every installation starts with (admins rename, add and deactivate in Settings).
-- Fixed ids, so reruns and the demo seed find the same rows.
INSERT INTO "store_currency" ("code", "position") VALUES
  ('USD', 1), ('EUR', 2), ('GBP', 3), ('JPY', 4)
ON CONFLICT DO NOTHING;

INSERT INTO "credit_category" ("id", "key", "name", "position") VALUES
  ('01900000-0000-7000-8000-000000000101', 'goodwill', 'Goodwill', 1),
  ('01900000-0000-7000-8000-000000000102', 'refund', 'Refund', 2),
  ('01900000-0000-7000-8000-000000000103', 'loyalty_reward', 'Loyalty reward', 3),
  ('01900000-0000-7000-8000-000000000104', 'manual_correction', 'Manual correction', 4),
  ('01900000-0000-7000-8000-000000000105', 'promotion', 'Promotion', 5)
ON CONFLICT DO NOTHING;

INSERT INTO "adjustment_reason" ("id", "name", "position") VALUES
  ('01900000-0000-7000-8000-000000000201', 'Customer service gesture', 1),
  ('01900000-0000-7000-8000-000000000202', 'Entered in error', 2),
  ('01900000-0000-7000-8000-000000000203', 'Order problem', 3),
  ('01900000-0000-7000-8000-000000000204', 'Duplicate credit', 4),
  ('01900000-0000-7000-8000-000000000205', 'Suspected fraud or abuse', 5),
  ('01900000-0000-7000-8000-000000000206', 'Balance reconciliation', 6),
  ('01900000-0000-7000-8000-000000000207', 'Other', 7)
ON CONFLICT DO NOTHING;

INSERT INTO "payment_infrastructure" ("id", "name", "position") VALUES
  ('01900000-0000-7000-8000-000000000301', 'Manual', 1),
  ('01900000-0000-7000-8000-000000000302', 'Bank transfer', 2),
  ('01900000-0000-7000-8000-000000000303', 'Payment gateway', 3),
  ('01900000-0000-7000-8000-000000000304', 'Cash', 4)
ON CONFLICT DO NOTHING;

INSERT INTO "payment_method" ("id", "infrastructure_id", "name", "position") VALUES
  ('01900000-0000-7000-8000-000000000401', '01900000-0000-7000-8000-000000000301', 'Admin entry', 1),
  ('01900000-0000-7000-8000-000000000402', '01900000-0000-7000-8000-000000000301', 'Other', 2),
  ('01900000-0000-7000-8000-000000000403', '01900000-0000-7000-8000-000000000302', 'Wire transfer', 1),
  ('01900000-0000-7000-8000-000000000404', '01900000-0000-7000-8000-000000000302', 'SEPA transfer', 2),
  ('01900000-0000-7000-8000-000000000405', '01900000-0000-7000-8000-000000000302', 'ACH', 3),
  ('01900000-0000-7000-8000-000000000406', '01900000-0000-7000-8000-000000000303', 'Card', 1),
  ('01900000-0000-7000-8000-000000000407', '01900000-0000-7000-8000-000000000303', 'PayPal', 2),
  ('01900000-0000-7000-8000-000000000408', '01900000-0000-7000-8000-000000000304', 'In store', 1),
  ('01900000-0000-7000-8000-000000000409', '01900000-0000-7000-8000-000000000304', 'Cash on delivery', 2)
ON CONFLICT DO NOTHING;
