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

-- CreateTable
CREATE TABLE "approval_request" (
    "id" UUID NOT NULL,
    "operation" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "requester_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "customer_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "limit_reason" TEXT NOT NULL,
    "requester_note" TEXT,
    "input" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_reason" TEXT,

    CONSTRAINT "approval_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "limit_usage_staff_id_kind_currency_at_idx" ON "limit_usage"("staff_id", "kind", "currency", "at");

-- CreateIndex
CREATE INDEX "approval_request_status_created_at_idx" ON "approval_request"("status", "created_at");

-- CreateIndex
CREATE INDEX "approval_request_customer_id_created_at_idx" ON "approval_request"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "approval_request_requester_id_created_at_idx" ON "approval_request"("requester_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "approval_request_requester_id_operation_idempotency_key_key" ON "approval_request"("requester_id", "operation", "idempotency_key");

-- AddForeignKey
ALTER TABLE "limit_usage" ADD CONSTRAINT "limit_usage_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "limit_usage" ADD CONSTRAINT "limit_usage_kind_check" CHECK ("kind" IN ('credit', 'refund'));
ALTER TABLE "limit_usage" ADD CONSTRAINT "limit_usage_amount_positive" CHECK ("amount_minor" > 0);
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_status_check" CHECK ("status" IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'));
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_operation_check"
  CHECK ("operation" IN ('credit.issue', 'credit.send', 'credit.update', 'credit.set_balance', 'refund.create'));
