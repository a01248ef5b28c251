-- CreateTable
CREATE TABLE "money_limit" (
    "role_key" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "max_credit_minor" BIGINT,
    "max_refund_minor" BIGINT,
    "max_set_balance_change_minor" BIGINT,
    "daily_credit_minor" BIGINT,
    "daily_refund_minor" BIGINT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "money_limit_pkey" PRIMARY KEY ("role_key","currency")
);

-- AddForeignKey
ALTER TABLE "money_limit" ADD CONSTRAINT "money_limit_role_key_fkey" FOREIGN KEY ("role_key") REFERENCES "role"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "money_limit" ADD CONSTRAINT "money_limit_currency_fkey" FOREIGN KEY ("currency") REFERENCES "store_currency"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "money_limit" ADD CONSTRAINT "money_limit_amounts_not_negative" CHECK (
  COALESCE("max_credit_minor", 0) >= 0 AND COALESCE("max_refund_minor", 0) >= 0
  AND COALESCE("max_set_balance_change_minor", 0) >= 0 AND COALESCE("daily_credit_minor", 0) >= 0
  AND COALESCE("daily_refund_minor", 0) >= 0);

-- Defaults: support agents in USD 100 per credit, 250 per refund, 1,000 a day each (no set balance,
-- which their role lacks anyway); managers explicitly unlimited in every currency the store has.
-- Other currencies are set by an admin; until then every amount in them needs approval.
INSERT INTO "money_limit" ("role_key", "currency", "max_credit_minor", "max_refund_minor", "max_set_balance_change_minor",
                           "daily_credit_minor", "daily_refund_minor", "updated_at")
SELECT 'SUPPORT_AGENT', 'USD', 10000, 25000, 0, 100000, 100000, CURRENT_TIMESTAMP
WHERE EXISTS (SELECT 1 FROM "store_currency" WHERE "code" = 'USD');
INSERT INTO "money_limit" ("role_key", "currency", "updated_at")
SELECT 'MANAGER', "code", CURRENT_TIMESTAMP FROM "store_currency";
