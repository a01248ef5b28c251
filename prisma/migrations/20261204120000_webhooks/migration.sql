-- Webhooks (README "Webhooks"): endpoints, the outbox of events and one delivery per event and
-- endpoint. Money transactions write the event (webhookEventInsertSql) only when an enabled
-- endpoint subscribes to its type; a trigger fans it out to those endpoints in the same
-- statement, so the set of receivers is fixed at commit and the delivery job only sends.

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateTable
CREATE TABLE "webhook_endpoint" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "events" TEXT[],
    "secret" TEXT NOT NULL,
    "is_enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_event" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "event_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retry_until" TIMESTAMPTZ(3) NOT NULL DEFAULT (CURRENT_TIMESTAMP + interval '3 days'),
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_response_code" INTEGER,
    "last_response_ms" INTEGER,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_expiry_reminder" (
    "credit_id" UUID NOT NULL,
    "notification_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_expiry_reminder_pkey" PRIMARY KEY ("credit_id")
);

-- AlterTable
ALTER TABLE "store_setting" ADD COLUMN "is_expiry_reminder_on" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "expiry_reminder_days" INTEGER NOT NULL DEFAULT 7;

-- CreateIndex
CREATE INDEX "webhook_event_created_idx" ON "webhook_event"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_delivery_event_endpoint_key" ON "webhook_delivery"("event_id", "endpoint_id");

-- CreateIndex
CREATE INDEX "webhook_delivery_due_idx" ON "webhook_delivery"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_delivery_endpoint_created_idx" ON "webhook_delivery"("endpoint_id", "created_at");

-- AddForeignKey
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_expiry_reminder" ADD CONSTRAINT "credit_expiry_reminder_credit_id_fkey" FOREIGN KEY ("credit_id") REFERENCES "store_credit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "store_setting" ADD CONSTRAINT "store_setting_expiry_reminder_days" CHECK ("expiry_reminder_days" BETWEEN 1 AND 365);

-- The fan-out: one PENDING delivery per enabled endpoint subscribed to the event's type, written
-- by the statement that writes the event (so inside the money transaction).
CREATE FUNCTION "webhook_event_fan_out"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "webhook_delivery" ("event_id", "endpoint_id")
  SELECT NEW."id", e."id" FROM "webhook_endpoint" e WHERE e."is_enabled" AND NEW."type" = ANY (e."events");
  RETURN NULL;
END;
$$;

CREATE TRIGGER "webhook_event_fan_out" AFTER INSERT ON "webhook_event"
  FOR EACH ROW EXECUTE FUNCTION "webhook_event_fan_out"();

-- Admins manage webhooks (server/auth/permissions.ts "webhooks:manage"; built-in-roles.ts).
SELECT set_config('creditdesk.role_migration', 'on', false);
UPDATE "role" SET "permissions" = array_append("permissions", 'webhooks:manage'), "updated_at" = CURRENT_TIMESTAMP
WHERE "key" = 'ADMIN' AND NOT ('webhooks:manage' = ANY ("permissions"));
SELECT set_config('creditdesk.role_migration', 'off', false);
