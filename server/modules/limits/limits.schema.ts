// Inputs and views of the money-limits procedures. Client-safe: the Settings dialog validates with
// the same schema, so a limit the form accepts is a limit the server accepts.
import { z } from "zod";
import { moneyOf, ZAmountText, ZCurrency, ZRoleKey } from "@/server/lib/zod-fields";
import type { MoneyLimitRow } from "./limit-rules";

/** The five limits of a role in a currency, in the order forms and tables show them. */
export const LIMIT_FIELDS = [
  { field: "maxCredit", column: "maxCreditMinor", label: "Largest single credit" },
  { field: "maxRefund", column: "maxRefundMinor", label: "Largest single refund" },
  { field: "maxSetBalanceChange", column: "maxSetBalanceChangeMinor", label: "Largest set-balance change" },
  { field: "dailyCredit", column: "dailyCreditMinor", label: "Credits per 24 hours" },
  { field: "dailyRefund", column: "dailyRefundMinor", label: "Refunds per 24 hours" },
] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number]["field"];

const ZLimitText = ZAmountText.nullable().describe(
  'Decimal string in major units (zero: every amount needs approval), or null for an explicit "no limit"',
);

export const ZSetMoneyLimitInput = z
  .object({
    roleKey: ZRoleKey,
    currency: ZCurrency,
    maxCredit: ZLimitText,
    maxRefund: ZLimitText,
    maxSetBalanceChange: ZLimitText,
    dailyCredit: ZLimitText,
    dailyRefund: ZLimitText,
  })
  .transform((input, ctx) => {
    const limit: MoneyLimitRow = {
      currency: input.currency,
      maxCreditMinor: null,
      maxRefundMinor: null,
      maxSetBalanceChangeMinor: null,
      dailyCreditMinor: null,
      dailyRefundMinor: null,
    };
    let isValid = true;
    for (const { field, column } of LIMIT_FIELDS) {
      const text = input[field];
      if (text === null) continue;
      const minor = moneyOf(ctx, { amount: text, currency: input.currency, field, allowZero: true });
      if (minor === null) isValid = false;
      else limit[column] = minor;
    }
    return isValid ? { roleKey: input.roleKey, limit } : z.NEVER;
  });
export type SetMoneyLimitInput = z.output<typeof ZSetMoneyLimitInput>;

export const ZClearMoneyLimitInput = z.object({ roleKey: ZRoleKey, currency: ZCurrency });
export type ClearMoneyLimitInput = z.output<typeof ZClearMoneyLimitInput>;

/** One role in one currency on the Settings page; `limit` null: no row, every amount needs approval. */
export type MoneyLimitListRow = {
  roleKey: string;
  roleName: string;
  isBuiltIn: boolean;
  currency: string;
  isCurrencyEnabled: boolean;
  limit: MoneyLimitRow | null;
};
