import { z } from "zod";
import { DATE_STYLES } from "@/server/lib/dates";
import { isKnownCurrency } from "@/server/lib/money";
import { ZLineText } from "@/server/lib/zod-fields";

/** Lists an admin manages: credit categories, adjustment reasons, payment infrastructures. */
export const NAMED_LISTS = ["category", "reason", "infrastructure"] as const;
export type NamedList = (typeof NAMED_LISTS)[number];

const ZName = ZLineText(80, "name");

export const ZCreateNamedInput = z.object({ name: ZName });
export const ZRenameInput = z.object({ id: z.uuid("This record does not exist"), name: ZName });
export const ZSetActiveInput = z.object({
  id: z.uuid("This record does not exist"),
  isActive: z.boolean().describe("Inactive records stay on existing credits but leave the forms"),
});
export const ZCreateMethodInput = z.object({ infrastructureId: z.uuid("Choose a payment infrastructure"), name: ZName });

const ZCurrencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isKnownCurrency, "Enter an ISO 4217 currency code, like CAD")
  .describe("ISO 4217 code");

export const ZAddCurrencyInput = z.object({ code: ZCurrencyCode });
export const ZSetCurrencyEnabledInput = z.object({ code: ZCurrencyCode, isEnabled: z.boolean() });

export const ZSetExpiryRemindersInput = z.object({
  isOn: z.boolean().describe("Send each credit with unused balance one reminder before it expires"),
  days: z
    .number("Enter a number of days")
    .int("Enter a whole number of days")
    .min(1, "Enter at least 1 day")
    .max(365, "Enter at most 365 days")
    .describe("How many days before the expiry the reminder goes out"),
});
export type SetExpiryRemindersInput = z.output<typeof ZSetExpiryRemindersInput>;

export const ZSetDateStyleInput = z.object({
  dateStyle: z
    .enum(DATE_STYLES, "Choose one of the date styles")
    .describe("How every page, date field and customer message writes dates"),
});
