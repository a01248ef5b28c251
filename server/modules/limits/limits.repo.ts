import type { DbTx } from "@/server/db/client";
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
