// The SQL of spending's fast path (spend-credit.ts), run on one pg connection (pgTransaction):
// after the key's claim, one statement locks the balance, then the open credits in spending
// order, and says whether any credit is due for expiry (the general path closes those first).
import { Prisma } from "@/prisma/generated/client";
import type { LedgerKey } from "./ledger";

/** One row per open credit (or one with a null id when there is none); no row: no balance row. */
export type SpendLockRow = {
  balanceMinor: string | bigint;
  /** What open holds set aside: only balance - held may be spent. */
  heldMinor: string | bigint;
  hasDue: boolean;
  id: string | null;
  amountMinor: string | bigint | null;
  usedMinor: string | bigint | null;
  removedMinor: string | bigint | null;
};

export const spendLockSql = (key: LedgerKey, now: Date) => Prisma.sql`
  WITH b AS (
    SELECT balance_minor, held_minor FROM credit_balance WHERE customer_id = ${key.customerId}::uuid AND currency = ${key.currency}::text FOR UPDATE
  )
  SELECT b.balance_minor AS "balanceMinor", b.held_minor AS "heldMinor",
    EXISTS (SELECT 1 FROM store_credit d
            WHERE d.customer_id = ${key.customerId}::uuid AND d.currency = ${key.currency}::text
              AND d.expiry_processed_at IS NULL AND d.expires_at <= ${now}::timestamptz) AS "hasDue",
    o.id, o.amount_minor AS "amountMinor", o.used_minor AS "usedMinor", o.removed_minor AS "removedMinor"
  FROM b LEFT JOIN LATERAL (
    SELECT sc.id, sc.amount_minor, sc.used_minor, sc.removed_minor FROM store_credit sc
    WHERE sc.customer_id = ${key.customerId}::uuid AND sc.currency = ${key.currency}::text
      AND sc.voided_at IS NULL AND sc.used_minor + sc.removed_minor < sc.amount_minor
      AND (sc.expires_at IS NULL OR sc.expires_at > ${now}::timestamptz)
    ORDER BY sc.expires_at ASC NULLS LAST, sc.created_at ASC, sc.id ASC
    FOR UPDATE
  ) o ON true`;
