-- CreateIndex
CREATE INDEX "refund_customer_created_idx" ON "refund"("customer_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "refund_staff_created_idx" ON "refund"("created_by_id", "created_at", "id");
