-- Holds (server/modules/holds/): money set aside at checkout, like a card authorisation. A hold
-- is not a ledger event: the balance (the ledger's sum) stays; credit_balance.held_minor is what
-- open holds set aside, so spendable = balance_minor - held_minor. Both change only under the
-- balance row's lock. A capture is a spend (USED events); release and expiry only free held_minor.
CREATE TYPE "CreditHoldStatus" AS ENUM ('PLACED', 'CAPTURED', 'RELEASED', 'EXPIRED');

ALTER TABLE "credit_balance" ADD COLUMN "held_minor" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "credit_balance" ADD CONSTRAINT "credit_balance_held_not_negative_check" CHECK ("held_minor" >= 0);

CREATE TABLE "credit_hold" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "captured_minor" BIGINT NOT NULL DEFAULT 0,
    "status" "CreditHoldStatus" NOT NULL DEFAULT 'PLACED',
    "order_ref" TEXT NOT NULL,
    "spend_operation_id" UUID,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "api_key_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "credit_hold_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "credit_hold_amount_check" CHECK ("amount_minor" > 0),
    CONSTRAINT "credit_hold_captured_check" CHECK ("captured_minor" >= 0 AND "captured_minor" <= "amount_minor"),
    -- Open exactly while PLACED; captured money exactly when CAPTURED, with its spend.
    CONSTRAINT "credit_hold_closed_check" CHECK (("status" = 'PLACED') = ("closed_at" IS NULL)),
    CONSTRAINT "credit_hold_capture_check" CHECK (("status" = 'CAPTURED') = ("spend_operation_id" IS NOT NULL AND "captured_minor" > 0))
);

CREATE INDEX "credit_hold_customer_created_idx" ON "credit_hold"("customer_id", "created_at", "id");
CREATE INDEX "credit_hold_status_expires_idx" ON "credit_hold"("status", "expires_at");

ALTER TABLE "credit_hold" ADD CONSTRAINT "credit_hold_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "credit_hold" ADD CONSTRAINT "credit_hold_currency_fkey" FOREIGN KEY ("currency") REFERENCES "store_currency"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "credit_hold" ADD CONSTRAINT "credit_hold_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
