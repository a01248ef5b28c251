// SQL of holds (credit_hold) and of what they set aside on the balance row (credit_balance.held_minor).
// Rules live in the verb files; every write here runs under the (customer, currency) balance lock.
import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import type { LedgerKey } from "@/server/modules/credits/ledger";
import type { HoldStatus } from "./holds.schema";

export type HoldRecord = {
  id: string;
  customerId: string;
  currency: string;
  amountMinor: bigint;
  capturedMinor: bigint;
  status: HoldStatus;
  orderRef: string;
  spendOperationId: string | null;
  expiresAt: Date;
  apiKeyId: string | null;
  createdAt: Date;
  closedAt: Date | null;
};

/** A hold's columns as HoldRecord names them (alias h). */
export const HOLD_COLUMNS = Prisma.sql`h.id, h.customer_id AS "customerId", h.currency, h.amount_minor AS "amountMinor",
  h.captured_minor AS "capturedMinor", h.status::text AS status, h.order_ref AS "orderRef",
  h.spend_operation_id AS "spendOperationId", h.expires_at AS "expiresAt", h.api_key_id AS "apiKeyId",
  h.created_at AS "createdAt", h.closed_at AS "closedAt"`;

/** The hold, locked with forUpdate (take the balance lock first: balance, then hold, everywhere). */
export async function findHold(db: DbTx, holdId: string, opts: { forUpdate?: boolean } = {}): Promise<HoldRecord | null> {
  const rows = await db.$queryRaw<HoldRecord[]>`
    SELECT ${HOLD_COLUMNS} FROM credit_hold h WHERE h.id = ${holdId}::uuid
    ${opts.forUpdate ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  return rows[0] ?? null;
}

export function holdInsertSql(hold: HoldRecord & { createdById: string | null }): Prisma.Sql {
  return Prisma.sql`INSERT INTO credit_hold (id, customer_id, currency, amount_minor, order_ref, expires_at, api_key_id, created_by_id, created_at)
    VALUES (${hold.id}::uuid, ${hold.customerId}::uuid, ${hold.currency}, ${hold.amountMinor}, ${hold.orderRef},
            ${hold.expiresAt}::timestamptz, ${hold.apiKeyId}::uuid, ${hold.createdById}::uuid, ${hold.createdAt}::timestamptz)`;
}

/** Closes PLACED holds (the caller holds their locks); CAPTURED carries its spend. */
export function holdsCloseSql(
  holdIds: string[],
  close: { status: Exclude<HoldStatus, "PLACED">; closedAt: Date; capturedMinor?: bigint; spendOperationId?: string },
): Prisma.Sql {
  return Prisma.sql`UPDATE credit_hold SET status = ${close.status}::"CreditHoldStatus", closed_at = ${close.closedAt}::timestamptz,
      captured_minor = ${close.capturedMinor ?? 0n}, spend_operation_id = ${close.spendOperationId ?? null}::uuid
    WHERE id = ANY(${holdIds}::uuid[]) AND status = 'PLACED'`;
}

/**
 * Changes what open holds set aside on the locked balance row. Its own statement: it must not
 * share a statement with the ledger's balance update of the same row.
 */
export const heldChangeSql = (key: LedgerKey, deltaMinor: bigint): Prisma.Sql =>
  Prisma.sql`UPDATE credit_balance SET held_minor = held_minor + ${deltaMinor}, updated_at = now()
    WHERE customer_id = ${key.customerId}::uuid AND currency = ${key.currency}`;

/** (customer, currency) pairs with PLACED holds past their expiry; the (status, expires_at) index. */
export const dueHoldKeys = (db: DbTx, now: Date, limit: number) =>
  db.$queryRaw<LedgerKey[]>`
    SELECT DISTINCT customer_id AS "customerId", currency FROM (
      SELECT customer_id, currency FROM credit_hold
      WHERE status = 'PLACED' AND expires_at <= ${now}::timestamptz
      ORDER BY expires_at LIMIT ${limit}
    ) due`;

/** The PLACED holds of (customer, currency) past their expiry, locked (the caller holds the balance lock). */
export const dueHoldsForUpdate = (tx: DbTx, key: LedgerKey, now: Date) =>
  tx.$queryRaw<HoldRecord[]>`
    SELECT ${HOLD_COLUMNS} FROM credit_hold h
    WHERE h.customer_id = ${key.customerId}::uuid AND h.currency = ${key.currency}
      AND h.status = 'PLACED' AND h.expires_at <= ${now}::timestamptz
    ORDER BY h.id FOR UPDATE`;

/** A customer's holds, open ones first, then the newest; for the profile. */
export const listCustomerHolds = (db: DbTx, customerId: string, limit: number) =>
  db.$queryRaw<HoldRecord[]>`
    SELECT ${HOLD_COLUMNS} FROM credit_hold h
    WHERE h.customer_id = ${customerId}::uuid
    ORDER BY (h.status = 'PLACED') DESC, h.created_at DESC, h.id DESC
    LIMIT ${limit}`;
