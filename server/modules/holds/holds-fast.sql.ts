// The SQL of the holds' fast paths (place-hold.ts, capture-hold.ts, release-hold.ts), run on one pg
// connection (pgTransaction) as the storefront spend's fast path is: claim, lock, read, write. The
// rules stay in the verb files; these statements only lock and read what the general path reads.
import { Prisma } from "@/prisma/generated/client";
import { claimKeySql, inFlightLockName, keyRowOf, type IdempotentRequest } from "@/server/lib/idempotency";
import type { LedgerKey } from "@/server/modules/credits/ledger";
import { HOLD_COLUMNS, type HoldRecord } from "./holds.repo";

/**
 * The key's claim; for an API key's request (refuseConcurrent) only when its in-flight lock is
 * free, taken first in the same statement (the lock is an InitPlan, evaluated before the insert).
 * No row: the key is used or busy, and the general path answers (replay, refusal, 409).
 */
export function fastClaimSql(req: IdempotentRequest): Prisma.Sql {
  if (!req.refuseConcurrent) return claimKeySql(req);
  const row = keyRowOf(req);
  return Prisma.sql`WITH lock AS (SELECT pg_try_advisory_xact_lock(hashtextextended(${inFlightLockName(req)}, 0)) AS free)
    INSERT INTO idempotency_key (actor_id, operation, key, request_hash)
    SELECT ${row.actorScope}::uuid, ${row.operation}, ${row.key}::uuid, ${row.requestHash} WHERE (SELECT free FROM lock)
    ON CONFLICT (actor_id, operation, key) DO NOTHING RETURNING key`;
}

/** Whether (customer, currency) has a credit due for expiry: the general path closes those first. */
const hasDueSql = (customerId: Prisma.Sql, currency: Prisma.Sql, now: Date) => Prisma.sql`EXISTS (
  SELECT 1 FROM store_credit d WHERE d.customer_id = ${customerId} AND d.currency = ${currency}
    AND d.expiry_processed_at IS NULL AND d.expires_at <= ${now}::timestamptz)`;

export type HoldLockRow = { balanceMinor: bigint; heldMinor: bigint; hasDue: boolean };

/** Placing: the balance row locked, with whether a credit is due. No row: no balance row. */
export const placeLockSql = (key: LedgerKey, now: Date) => Prisma.sql`
  SELECT b.balance_minor AS "balanceMinor", b.held_minor AS "heldMinor",
    ${hasDueSql(Prisma.sql`b.customer_id`, Prisma.sql`b.currency`, now)} AS "hasDue"
  FROM credit_balance b WHERE b.customer_id = ${key.customerId}::uuid AND b.currency = ${key.currency}::text
  FOR UPDATE OF b`;

export type HeldLockRow = { balanceMinor: bigint; heldMinor: bigint; customerId: string; currency: string };

/**
 * Capture and release: the hold's balance row locked (the hold's customer and currency never
 * change, so reading them before the lock is safe). No row: no such hold (or no balance row).
 */
export const holdBalanceLockSql = (holdId: string) => Prisma.sql`
  SELECT b.balance_minor AS "balanceMinor", b.held_minor AS "heldMinor", h.customer_id AS "customerId", h.currency
  FROM credit_hold h JOIN credit_balance b ON b.customer_id = h.customer_id AND b.currency = h.currency
  WHERE h.id = ${holdId}::uuid
  FOR UPDATE OF b`;

/**
 * After the balance lock (a new snapshot): the hold locked, and what it set aside given back to
 * the balance row when it is still PLACED (heldChangeSql's write, in this round trip; the caller
 * rolls back when the hold turns out not to be open).
 */
const lockedHoldSql = (holdId: string) => Prisma.sql`
  h AS (SELECT ${HOLD_COLUMNS} FROM credit_hold h WHERE h.id = ${holdId}::uuid FOR UPDATE),
  unheld AS (
    UPDATE credit_balance b SET held_minor = b.held_minor - h."amountMinor", updated_at = now()
    FROM h WHERE h.status = 'PLACED' AND b.customer_id = h."customerId" AND b.currency = h.currency
    RETURNING 1
  )`;

/** Release, after the balance lock: the hold, locked, its held amount given back if PLACED. */
export const releaseReadSql = (holdId: string) => Prisma.sql`
  WITH ${lockedHoldSql(holdId)} SELECT h.* FROM h`;

export type CaptureReadRow = HoldRecord & {
  hasDue: boolean;
  creditId: string | null;
  creditAmountMinor: bigint | null;
  usedMinor: bigint | null;
  removedMinor: bigint | null;
};

/**
 * Capture, after the balance lock (a new snapshot, so every credit committed before the lock is
 * seen): the hold locked (its held amount given back if PLACED), whether a credit is due, and the open credits locked in spending order
 * (openCreditsForUpdate's order: earliest expiry first, no expiry last, oldest first).
 */
export const captureReadSql = (holdId: string, now: Date) => Prisma.sql`
  WITH ${lockedHoldSql(holdId)}
  SELECT h.*, ${hasDueSql(Prisma.sql`h."customerId"`, Prisma.sql`h.currency`, now)} AS "hasDue",
    o.id AS "creditId", o.amount_minor AS "creditAmountMinor", o.used_minor AS "usedMinor", o.removed_minor AS "removedMinor"
  FROM h LEFT JOIN LATERAL (
    SELECT sc.id, sc.amount_minor, sc.used_minor, sc.removed_minor, sc.expires_at, sc.created_at FROM store_credit sc
    WHERE sc.customer_id = h."customerId" AND sc.currency = h.currency
      AND sc.voided_at IS NULL AND sc.used_minor + sc.removed_minor < sc.amount_minor
      AND (sc.expires_at IS NULL OR sc.expires_at > ${now}::timestamptz)
    ORDER BY sc.expires_at ASC NULLS LAST, sc.created_at ASC, sc.id ASC
    FOR UPDATE
  ) o ON true
  ORDER BY o.expires_at ASC NULLS LAST, o.created_at ASC, o.id ASC`;
