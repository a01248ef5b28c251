-- Customer search walks the name index for a bounded number of rows and filters them
-- (server/modules/customers/search/keyset-segments.ts). Carrying the columns the filter reads
-- makes that walk index-only (no heap fetch per row once the visibility map is set), so it can
-- read 8,000 rows in a few milliseconds instead of 1,500 in tens. Same name and key columns, so
-- schema.prisma's @@index([sortName, id]) still describes it (it cannot express INCLUDE).
DROP INDEX "customer_sort_name_id_idx";
CREATE INDEX "customer_sort_name_id_idx" ON "customer"("sort_name", "id") INCLUDE ("search_name", "email", "phone_digits");
