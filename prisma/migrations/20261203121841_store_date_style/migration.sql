-- The store's own settings, one row (id is always true). First: the date style of every page, date
-- field and customer message (server/lib/dates.ts), en-GB ("15 Jan 2027") by default.
-- CreateTable
CREATE TABLE "store_setting" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "date_style" TEXT NOT NULL DEFAULT 'en-GB',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "store_setting_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "store_setting" ADD CONSTRAINT "store_setting_one_row" CHECK ("id");
ALTER TABLE "store_setting" ADD CONSTRAINT "store_setting_date_style" CHECK ("date_style" IN ('en-GB', 'en-US', 'ISO'));

INSERT INTO "store_setting" ("id") VALUES (true) ON CONFLICT DO NOTHING;
