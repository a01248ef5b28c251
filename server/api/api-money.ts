import { z } from "zod";
import { toDecimalString } from "@/server/lib/money";

/** Money as the API writes it: the decimal amount, its currency, and the exact minor units. */
export const ZApiMoney = z
  .object({
    amount: z.string().describe('Decimal string in major units, e.g. "12.50"; negative for money taken from a balance'),
    currency: z.string().describe("ISO 4217 code"),
    amount_minor: z.string().regex(/^-?\d+$/).describe('The same amount in minor units (cents), an integer as a string, e.g. "1250"'),
  })
  .meta({ id: "Money" });
export type ApiMoney = z.output<typeof ZApiMoney>;

export const apiMoney = (amountMinor: bigint, currency: string): ApiMoney => ({
  amount: toDecimalString(amountMinor, currency),
  currency,
  amount_minor: amountMinor.toString(),
});
