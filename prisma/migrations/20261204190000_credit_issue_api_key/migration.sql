-- credits.issue's one-statement fast path serves Storefront API keys too (POST
-- /customers/{id}/credits, scope credits:issue), the same function for staff and keys: the
-- event and audit row name the key (p_api_key_id, actor null), and an API key's request takes the
-- idempotency key's in-flight lock first (p_in_flight_lock, Stripe's concurrent-duplicate rule;
-- null for staff, whose duplicates wait and replay). Two parameters more, so the old one goes.
DROP FUNCTION "credit_issue_write"(
  uuid, text, uuid, text, jsonb, text[], uuid, text, bigint, bigint, uuid, uuid, text, timestamptz, uuid,
  uuid, uuid, uuid, text, text, jsonb, jsonb, text, text, uuid, text, text);

CREATE FUNCTION "credit_issue_write"(
  p_actor_scope uuid, p_operation text, p_key uuid, p_request_hash text,
  p_result jsonb, p_result_balance_path text[],
  p_customer_id uuid, p_currency text, p_amount_minor bigint, p_max_balance_minor bigint,
  p_credit_id uuid, p_category_id uuid, p_memo text, p_expires_at timestamptz, p_actor_id uuid,
  p_event_id uuid, p_operation_id uuid,
  p_audit_id uuid, p_audit_action text, p_actor_role text, p_audit_after jsonb, p_audit_details jsonb,
  p_ip text, p_user_agent text,
  p_notification_id uuid, p_notification_kind text, p_notification_body text,
  p_api_key_id uuid, p_in_flight_lock text
) RETURNS TABLE ("outcome" text, "balanceMinor" bigint) LANGUAGE plpgsql AS $$
DECLARE
  v_balance bigint;
  v_target record;
BEGIN
  -- An API key's request (idempotency.ts, takeKeyOrRefuse): the key's lock is held until commit,
  -- so a concurrent duplicate finds it taken and the general path refuses it (409, retryable).
  IF p_in_flight_lock IS NOT NULL AND NOT pg_try_advisory_xact_lock(hashtextextended(p_in_flight_lock, 0)) THEN
    RETURN QUERY SELECT 'key_busy'::text, NULL::bigint;
    RETURN;
  END IF;

  SELECT c.first_name, c.email, c.phone, sc.is_enabled, cat.is_active, cat.name AS category_name INTO v_target
  FROM (SELECT 1) one
    LEFT JOIN "customer" c ON c."id" = p_customer_id
    LEFT JOIN "store_currency" sc ON sc."code" = p_currency
    LEFT JOIN "credit_category" cat ON cat."id" = p_category_id;
  IF v_target.first_name IS NULL OR v_target.email IS NULL OR v_target.is_enabled IS NOT TRUE
     OR v_target.is_active IS NOT TRUE OR v_target.category_name IS NULL THEN
    RETURN QUERY SELECT 'not_ready'::text, NULL::bigint;
    RETURN;
  END IF;

  IF p_amount_minor > p_max_balance_minor THEN
    RETURN QUERY SELECT 'over_max'::text, NULL::bigint;
    RETURN;
  END IF;

  INSERT INTO "idempotency_key" ("actor_id", "operation", "key", "request_hash")
  VALUES (p_actor_scope, p_operation, p_key, p_request_hash)
  ON CONFLICT ("actor_id", "operation", "key") DO NOTHING;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'key_taken'::text, NULL::bigint;
    RETURN;
  END IF;

  -- Takes the balance row's lock whether or not the WHERE lets the update through.
  INSERT INTO "credit_balance" AS b ("customer_id", "currency", "balance_minor") VALUES (p_customer_id, p_currency, p_amount_minor)
  ON CONFLICT ("customer_id", "currency") DO UPDATE
    SET "balance_minor" = b."balance_minor" + EXCLUDED."balance_minor", "updated_at" = now()
    WHERE b."balance_minor" + EXCLUDED."balance_minor" <= p_max_balance_minor
  RETURNING b."balance_minor" INTO v_balance;
  IF v_balance IS NULL THEN
    -- Give the key back: the general path claims it again and stores the refusal.
    DELETE FROM "idempotency_key" WHERE "actor_id" = p_actor_scope AND "operation" = p_operation AND "key" = p_key;
    RETURN QUERY SELECT 'over_max'::text, NULL::bigint;
    RETURN;
  END IF;

  INSERT INTO "store_credit" ("id", "customer_id", "currency", "amount_minor", "category_id", "memo", "expires_at", "created_by_id")
  VALUES (p_credit_id, p_customer_id, p_currency, p_amount_minor, p_category_id, p_memo, p_expires_at, p_actor_id);

  INSERT INTO "credit_event" ("id", "customer_id", "currency", "credit_id", "type", "amount_minor", "balance_after_minor",
                              "actor_id", "memo", "operation_id", "api_key_id")
  VALUES (p_event_id, p_customer_id, p_currency, p_credit_id, 'ISSUED', p_amount_minor, v_balance, p_actor_id, p_memo, p_operation_id, p_api_key_id);

  UPDATE "customer" SET "last_activity_at" = now() WHERE "id" = p_customer_id AND "last_activity_at" < now();

  INSERT INTO "audit_log" ("id", "actor_id", "actor_role", "action", "entity_type", "entity_id", "customer_id", "after", "ip", "user_agent", "details", "api_key_id")
  VALUES (p_audit_id, p_actor_id, p_actor_role, p_audit_action, 'store_credit', p_credit_id::text, p_customer_id,
          jsonb_set(p_audit_after, '{category}', to_jsonb(v_target.category_name)),
          p_ip, p_user_agent, jsonb_set(p_audit_details, '{category}', to_jsonb(v_target.category_name)), p_api_key_id);

  IF p_notification_id IS NOT NULL THEN
    INSERT INTO "notification" ("id", "customer_id", "kind", "channel", "recipient", "body")
    VALUES (p_notification_id, p_customer_id, p_notification_kind,
            (CASE WHEN coalesce(v_target.phone, '') <> '' THEN 'SMS' ELSE 'EMAIL' END)::"NotificationChannel",
            CASE WHEN coalesce(v_target.phone, '') <> '' THEN v_target.phone ELSE v_target.email END, p_notification_body);
  END IF;

  -- The credit.issued webhook event (webhookEventInsertSql and creditIssuedData in TypeScript write
  -- the same row on the general path), only when an enabled endpoint subscribes; the operation's
  -- id is the event's id. The fan-out trigger writes its deliveries.
  INSERT INTO "webhook_event" ("id", "type", "data")
  SELECT p_operation_id, 'credit.issued', jsonb_build_object(
    'credit_id', p_credit_id, 'customer_id', p_customer_id, 'currency', p_currency,
    'amount_minor', p_amount_minor::text, 'balance_minor', v_balance::text,
    'category', v_target.category_name,
    'expires_at', to_char(p_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'memo', p_memo)
  WHERE EXISTS (SELECT 1 FROM "webhook_endpoint" e WHERE e."is_enabled" AND 'credit.issued' = ANY (e."events"));

  UPDATE "idempotency_key" SET "result" = jsonb_set(p_result, p_result_balance_path, to_jsonb(v_balance::text))
  WHERE "actor_id" = p_actor_scope AND "operation" = p_operation AND "key" = p_key;

  RETURN QUERY SELECT 'written'::text, v_balance;
END;
$$;
