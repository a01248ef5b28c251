import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import type { MoneyLimitRow } from "./limit-rules";
import type { UsageKind } from "./limit-usage.repo";

const LIMIT_COLUMNS = Prisma.sql`ml.currency::text AS currency, ml.max_credit_minor AS "maxCreditMinor", ml.max_refund_minor AS "maxRefundMinor",
  ml.max_set_balance_change_minor AS "maxSetBalanceChangeMinor", ml.daily_credit_minor AS "dailyCreditMinor",
  ml.daily_refund_minor AS "dailyRefundMinor"`;

/** One role's limits in one currency; null when the role has no row there (every amount needs approval). */
export const findMoneyLimit = async (db: DbTx, roleKey: string, currency: string): Promise<MoneyLimitRow | null> =>
  (
    await db.$queryRaw<MoneyLimitRow[]>`
      SELECT ${LIMIT_COLUMNS} FROM money_limit ml WHERE ml.role_key = ${roleKey} AND ml.currency = ${currency}`
  )[0] ?? null;

/** Every row a role has, in the store's currency order. */
export const listRoleLimits = (db: DbTx, roleKey: string) =>
  db.$queryRaw<MoneyLimitRow[]>`
    SELECT ${LIMIT_COLUMNS} FROM money_limit ml JOIN store_currency sc ON sc.code = ml.currency
    WHERE ml.role_key = ${roleKey} ORDER BY sc.position, sc.code`;

export type RoleCurrencyRow = {
  roleKey: string;
  roleName: string;
  isBuiltIn: boolean;
  currency: string;
  isCurrencyEnabled: boolean;
  hasLimit: boolean;
} & Omit<MoneyLimitRow, "currency">;

/**
 * Every role except `exceptRoleKey` (the never-limited ADMIN) in every enabled currency, plus the
 * disabled currencies a role still has a row in; `hasLimit` false where there is no row.
 */
export const listRoleCurrencyLimits = (db: DbTx, exceptRoleKey: string) =>
  db.$queryRaw<RoleCurrencyRow[]>`
    SELECT r.key AS "roleKey", r.name AS "roleName", r.is_built_in AS "isBuiltIn", sc.code::text AS currency,
           sc.is_enabled AS "isCurrencyEnabled", ml.role_key IS NOT NULL AS "hasLimit",
           ml.max_credit_minor AS "maxCreditMinor", ml.max_refund_minor AS "maxRefundMinor",
           ml.max_set_balance_change_minor AS "maxSetBalanceChangeMinor", ml.daily_credit_minor AS "dailyCreditMinor",
           ml.daily_refund_minor AS "dailyRefundMinor"
    FROM role r CROSS JOIN store_currency sc
    LEFT JOIN money_limit ml ON ml.role_key = r.key AND ml.currency = sc.code
    WHERE r.key <> ${exceptRoleKey} AND (sc.is_enabled OR ml.role_key IS NOT NULL)
    ORDER BY r.is_built_in DESC, lower(r.name), sc.position, sc.code`;

/** The role, share-locked so it cannot be deleted before the transaction ends. */
export const findRoleForLimit = async (db: DbTx, roleKey: string) =>
  (await db.$queryRaw<{ key: string; name: string }[]>`SELECT key, name FROM role WHERE key = ${roleKey} FOR SHARE`)[0] ?? null;

export const findStoreCurrency = async (db: DbTx, code: string) =>
  (await db.$queryRaw<{ code: string; isEnabled: boolean }[]>`
    SELECT code::text AS code, is_enabled AS "isEnabled" FROM store_currency WHERE code = ${code}`)[0] ?? null;

/** Serialises changes to one role's limits in one currency, so each audit row's "before" is what it replaced. */
export const lockMoneyLimit = (db: DbTx, roleKey: string, currency: string) =>
  db.$executeRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(${`money_limit:${roleKey}:${currency}`}, 0))`;

export const upsertMoneyLimit = (db: DbTx, roleKey: string, limit: MoneyLimitRow) =>
  db.$executeRaw`
    INSERT INTO money_limit (role_key, currency, max_credit_minor, max_refund_minor, max_set_balance_change_minor,
                             daily_credit_minor, daily_refund_minor, updated_at)
    VALUES (${roleKey}, ${limit.currency}, ${limit.maxCreditMinor}::bigint, ${limit.maxRefundMinor}::bigint,
            ${limit.maxSetBalanceChangeMinor}::bigint, ${limit.dailyCreditMinor}::bigint, ${limit.dailyRefundMinor}::bigint, now())
    ON CONFLICT (role_key, currency) DO UPDATE SET
      max_credit_minor = EXCLUDED.max_credit_minor, max_refund_minor = EXCLUDED.max_refund_minor,
      max_set_balance_change_minor = EXCLUDED.max_set_balance_change_minor,
      daily_credit_minor = EXCLUDED.daily_credit_minor, daily_refund_minor = EXCLUDED.daily_refund_minor, updated_at = now()`;

export const deleteMoneyLimit = (db: DbTx, roleKey: string, currency: string) =>
  db.$executeRaw`DELETE FROM money_limit WHERE role_key = ${roleKey} AND currency = ${currency}`;

/** What the staff member moved directly in the last 24 hours, per currency and kind (no lock: a display). */
export const usageInLastDayByCurrency = (db: DbTx, staffId: string) =>
  db.$queryRaw<{ currency: string; kind: UsageKind; total: bigint }[]>`
    SELECT currency::text AS currency, kind, SUM(amount_minor)::bigint AS total FROM limit_usage
    WHERE staff_id = ${staffId}::uuid AND at > now() - interval '24 hours'
    GROUP BY currency, kind`;
