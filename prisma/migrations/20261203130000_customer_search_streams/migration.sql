-- Search shapes that read a bounded number of rows whatever the statistics say
-- (server/modules/customers/search/keyset-segments.ts).

-- Exact full name ("zed smith") as one index probe, however short the query.
CREATE INDEX "customer_search_name_idx" ON "customer"("search_name");

-- First names and emails starting with a query, in name order: "Ma" reads one page of
-- ('ma', sort_name, id) instead of collecting and sorting tens of thousands of matches.
-- Expression indexes: hand-written, schema.prisma cannot declare them.
CREATE INDEX "customer_first_name_prefix_idx" ON "customer"(left("search_name", 2), "sort_name", "id");
CREATE INDEX "customer_email_prefix_idx" ON "customer"(left("email", 2), "sort_name", "id");

-- Later words of multi-word names ("Mary Ann", "van der Berg"), a small fraction of customers:
-- their word prefixes without touching every last name that starts the same way.
CREATE INDEX "customer_multiword_name_trgm_idx" ON "customer" USING GIN ("search_name" gin_trgm_ops) WHERE "search_name" LIKE '% % %';
