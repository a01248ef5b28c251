-- Storefront API keys (Settings > API keys), their rate-limit counters, the shop's own customer
-- ids, and attribution of ledger events and audit rows to the key that made them.
-- CreateTable
CREATE TABLE "api_key" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_rate_limit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMPTZ(3),

    CONSTRAINT "api_rate_limit_pkey" PRIMARY KEY ("key")
);

-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "api_key_id" UUID;

-- AlterTable
ALTER TABLE "credit_event" ADD COLUMN     "api_key_id" UUID;

-- AlterTable
ALTER TABLE "customer" ADD COLUMN     "external_id" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "api_key_secret_hash_key" ON "api_key"("secret_hash");

-- CreateIndex
CREATE INDEX "api_key_created_at_id_idx" ON "api_key"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "customer_external_id_key" ON "customer"("external_id");

-- AddForeignKey
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The built-in Admin role manages API keys (keep in step with server/auth/built-in-roles.ts).
SELECT set_config('creditdesk.role_migration', 'on', false);
UPDATE "role" SET "permissions" = array_append("permissions", 'apiKeys:manage'), "updated_at" = CURRENT_TIMESTAMP
  WHERE "key" = 'ADMIN' AND NOT ('apiKeys:manage' = ANY("permissions"));
SELECT set_config('creditdesk.role_migration', 'off', false);
