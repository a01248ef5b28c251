-- Roles become data: built-in roles written here and locked; admins add custom ones.
CREATE TABLE "role" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "is_built_in" BOOLEAN NOT NULL DEFAULT false,
    "permissions" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "role_pkey" PRIMARY KEY ("key")
);

CREATE UNIQUE INDEX "role_name_key" ON "role"("name");

-- Keep in step with BUILT_IN_ROLES in server/auth/built-in-roles.ts (a test compares them).
INSERT INTO "role" ("key", "name", "description", "is_built_in", "permissions", "updated_at") VALUES
  ('ADMIN', 'Admin', 'Everything, including staff, roles and settings', true,
   ARRAY['customers:read','credits:read','credits:issue','credits:edit','credits:void','credits:set_balance',
         'payments:read','refunds:read','refunds:create','notifications:read','approvals:decide',
         'staff:manage','roles:manage','audit:read','settings:manage'], CURRENT_TIMESTAMP),
  ('MANAGER', 'Manager', 'Every money action, approvals and the audit log; no staff or settings', true,
   ARRAY['customers:read','credits:read','credits:issue','credits:edit','credits:void','credits:set_balance',
         'payments:read','refunds:read','refunds:create','notifications:read','approvals:decide',
         'audit:read'], CURRENT_TIMESTAMP),
  ('SUPPORT_AGENT', 'Support agent', 'Reads customers; adds credit and refunds within limits', true,
   ARRAY['customers:read','credits:read','credits:issue','credits:edit','payments:read','refunds:read',
         'refunds:create','notifications:read'], CURRENT_TIMESTAMP),
  ('VIEWER', 'Viewer', 'Reads everything, the audit log included; changes nothing', true,
   ARRAY['customers:read','credits:read','payments:read','refunds:read','notifications:read','audit:read'],
   CURRENT_TIMESTAMP);

-- Built-in roles change only in a migration that sets creditdesk.role_migration to 'on' first.
CREATE FUNCTION "role_built_in_locked"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."is_built_in" AND current_setting('creditdesk.role_migration', true) IS DISTINCT FROM 'on' THEN
    RAISE EXCEPTION 'built-in role % cannot be changed or deleted', OLD."key" USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE TRIGGER "role_built_in_locked" BEFORE UPDATE OR DELETE ON "role"
  FOR EACH ROW EXECUTE FUNCTION "role_built_in_locked"();

ALTER TABLE "staff_user" ALTER COLUMN "role" TYPE TEXT USING "role"::text;
DROP TYPE "StaffRole";
CREATE INDEX "staff_user_role_idx" ON "staff_user"("role");
ALTER TABLE "staff_user" ADD CONSTRAINT "staff_user_role_fkey" FOREIGN KEY ("role") REFERENCES "role"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Audit rows carry who (and as what role), from where, about which customer, why, and what changed.
ALTER TABLE "audit_log" ADD COLUMN     "actor_role" TEXT,
ADD COLUMN     "after" JSONB,
ADD COLUMN     "before" JSONB,
ADD COLUMN     "customer_id" UUID,
ADD COLUMN     "ip" TEXT,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "user_agent" TEXT;

-- Rows written before this migration: take what their details already held. The append-only
-- trigger is lifted for this one statement only.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";
UPDATE "audit_log" a SET
  "customer_id" = CASE WHEN a."details"->>'customerId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                       THEN (a."details"->>'customerId')::uuid
                       WHEN a."entity_type" = 'customer' AND a."entity_id" ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                       THEN a."entity_id"::uuid END,
  "ip" = a."details"->>'ip',
  "user_agent" = a."details"->>'userAgent',
  "actor_role" = (SELECT s."role" FROM "staff_user" s WHERE s."id" = a."actor_id");
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";

DROP INDEX "audit_log_created_at_idx";
DROP INDEX "audit_log_entity_idx";
CREATE INDEX "audit_log_page_idx" ON "audit_log"("created_at" DESC, "id" DESC);
CREATE INDEX "audit_log_actor_page_idx" ON "audit_log"("actor_id", "created_at" DESC, "id" DESC);
CREATE INDEX "audit_log_action_page_idx" ON "audit_log"("action", "created_at" DESC, "id" DESC);
CREATE INDEX "audit_log_customer_page_idx" ON "audit_log"("customer_id", "created_at" DESC, "id" DESC);
CREATE INDEX "audit_log_target_page_idx" ON "audit_log"("entity_type", "entity_id", "created_at" DESC, "id" DESC);
