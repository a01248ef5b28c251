-- Reports (issue 14): reports:read for the built-in Admin, Manager and Viewer roles, reports:staff
-- (the staff activity report) for Admin and Manager,
-- and hourly movement totals of the ledger for the store-credit liability report.

-- Keep in step with BUILT_IN_ROLES in server/auth/built-in-roles.ts (a test compares them).
SELECT set_config('creditdesk.role_migration', 'on', false);
UPDATE "role" SET "permissions" = array_append("permissions", 'reports:read'), "updated_at" = CURRENT_TIMESTAMP
  WHERE "key" IN ('ADMIN', 'MANAGER', 'VIEWER') AND NOT ('reports:read' = ANY ("permissions"));
UPDATE "role" SET "permissions" = array_append("permissions", 'reports:staff'), "updated_at" = CURRENT_TIMESTAMP
  WHERE "key" IN ('ADMIN', 'MANAGER') AND NOT ('reports:staff' = ANY ("permissions"));
SELECT set_config('creditdesk.role_migration', 'off', false);

-- One row per bucket, currency, category and event type: the sum and count of the bucket's credit
-- events. A bucket is a UTC hour from ledger_rollup.compacted_through on, a whole UTC day (starting
-- at "hour") before it. Written only by the ledger roll-up job (ledger-rollup.ts) for hours that
-- are over; reports add the events after ledger_rollup.closed_through straight from credit_event.
CREATE TABLE "credit_ledger_hour" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "category_id" UUID NOT NULL,
    "type" "CreditEventType" NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "event_count" INTEGER NOT NULL,

    CONSTRAINT "credit_ledger_hour_pkey" PRIMARY KEY ("hour","currency","category_id","type")
);

-- The roll-up's single row: events before closed_through are in credit_ledger_hour, by day before
-- compacted_through and by hour from it.
CREATE TABLE "ledger_rollup" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "closed_through" TIMESTAMPTZ(3) NOT NULL,
    "compacted_through" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_rollup_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ledger_rollup_single_row_check" CHECK ("id" = 1)
);

-- Events by time: the reports' raw tails (after the roll-up, and partial days at a range's edges).
CREATE INDEX "credit_event_created_at_idx" ON "credit_event"("created_at");
