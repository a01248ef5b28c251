-- Idempotency keys become unique per (actor, operation, key), and a refusal is kept as a key's answer.
-- A key stored before keeps the staff member who sent it, read from the audit row of the same
-- transaction (same action and transaction time, same credit, refund or operation); the rest
-- (storefront spends, edits that changed nothing) go to the system scope, the nil uuid.
ALTER TABLE "idempotency_key" ADD COLUMN "actor_id" UUID,
ADD COLUMN "refusal" JSONB;

UPDATE "idempotency_key" k SET "actor_id" = a."actor_id"
FROM "audit_log" a
WHERE a."action" = k."operation" AND a."created_at" = k."created_at" AND a."actor_id" IS NOT NULL
  AND (a."entity_id" IN (k."result"->'json'->>'creditId', k."result"->'json'->>'refundId')
       OR a."details"->>'operationId' = k."result"->'json'->>'operationId');
UPDATE "idempotency_key" SET "actor_id" = '00000000-0000-0000-0000-000000000000' WHERE "actor_id" IS NULL;

ALTER TABLE "idempotency_key" ALTER COLUMN "actor_id" SET NOT NULL,
DROP CONSTRAINT "idempotency_key_pkey",
ADD CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("actor_id", "operation", "key");

-- A refund's gateway key stays what was sent (reconcile asks again with it); new refunds use their id.
ALTER TABLE "refund" RENAME COLUMN "idempotency_key" TO "gateway_key";
ALTER INDEX "refund_idempotency_key_key" RENAME TO "refund_gateway_key_key";
