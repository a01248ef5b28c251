import type { Db, DbTx } from "@/server/db/client";
import type { MoneyLimitRow } from "./limit-rules";

/** One role's limits in one currency; null when the role has no row there (every amount needs approval). */
export const findMoneyLimit = async (db: DbTx, roleKey: string, currency: string): Promise<MoneyLimitRow | null> =>
  (
    await db.$queryRaw<MoneyLimitRow[]>`
      SELECT currency::text AS currency, max_credit_minor AS "maxCreditMinor", max_refund_minor AS "maxRefundMinor",
             max_set_balance_change_minor AS "maxSetBalanceChangeMinor", daily_credit_minor AS "dailyCreditMinor",
             daily_refund_minor AS "dailyRefundMinor"
      FROM money_limit WHERE role_key = ${roleKey} AND currency = ${currency}`
  )[0] ?? null;

/** Every limit row of a role, with what this staff member moved in each currency in the last 24 hours. */
export const listRoleLimitsWithUsage = (db: Db, roleKey: string, staffId: string) =>
  db.$queryRaw<(MoneyLimitRow & { usedCreditMinor: bigint; usedRefundMinor: bigint })[]>`
    SELECT l.currency::text AS currency, l.max_credit_minor AS "maxCreditMinor", l.max_refund_minor AS "maxRefundMinor",
           l.max_set_balance_change_minor AS "maxSetBalanceChangeMinor", l.daily_credit_minor AS "dailyCreditMinor",
           l.daily_refund_minor AS "dailyRefundMinor",
           COALESCE(SUM(u.amount_minor) FILTER (WHERE u.kind = 'credit'), 0)::bigint AS "usedCreditMinor",
           COALESCE(SUM(u.amount_minor) FILTER (WHERE u.kind = 'refund'), 0)::bigint AS "usedRefundMinor"
    FROM money_limit l
    LEFT JOIN limit_usage u ON u.staff_id = ${staffId}::uuid AND u.currency = l.currency AND u.at > now() - interval '24 hours'
    WHERE l.role_key = ${roleKey}
    GROUP BY l.role_key, l.currency
    ORDER BY l.currency`;
