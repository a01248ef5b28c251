-- Last activity from each customer's history: until now nothing moved it after sign-up. From here
-- on every money event moves it in its own transaction (see customerActivitySql); only moves forward.
UPDATE "customer" c SET "last_activity_at" = h.at
FROM (
  SELECT c2."id",
    greatest(
      (SELECT max(p."captured_at") FROM "payment" p WHERE p."customer_id" = c2."id"),
      (SELECT max(e."created_at") FROM "credit_event" e WHERE e."customer_id" = c2."id"),
      (SELECT max(greatest(r."created_at", r."settled_at")) FROM "refund" r WHERE r."customer_id" = c2."id")
    ) AS at
  FROM "customer" c2
) h
WHERE h."id" = c."id" AND h.at > c."last_activity_at";
