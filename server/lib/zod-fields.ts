// Zod fields shared by the money procedures' inputs. Client-safe: forms validate with the same
// schemas, so an amount a form accepts is an amount the server accepts.
import { z } from "zod";
import { parseAmount } from "./money";

export const ZIdempotencyKey = z
  .uuid("Missing request id; reload the form")
  .describe("A UUID the client makes when the form opens; a retry with the same key returns the first result");

export const ZCurrency = z
  .string()
  .regex(/^[A-Z]{3}$/, "Choose a currency")
  .describe("ISO 4217 code, one of the store's enabled currencies");

export const ZAmountText = z
  .string()
  .max(40, "Enter an amount like 1234.56")
  .describe('Decimal string in major units: digits with an optional "." fraction, or en-US grouping ("1,234.56")');

export const SHOWN_AMOUNT_MISSING = "Send the amount the form showed; reload the form";

/** The amount a form showed when it opened, so the server can refuse a change made from a stale page. */
export const ZShownAmountText = z
  .string({ error: SHOWN_AMOUNT_MISSING })
  .max(40, "Enter an amount like 1234.56")
  .describe("Decimal string in major units, as the form showed it");

export const ZCursor = z.string().max(500).nullish().describe("Opaque keyset cursor from the previous page");

// What free text may hold: any printable character, plus newline, carriage return and tab in
// multi-line fields. Other C0 controls (NUL, ESC…), DEL and C1 controls are paste accidents or
// terminal escapes, and a lone surrogate is not text at all (PostgreSQL cannot store either).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

export const hasLoneSurrogate = (text: string) => LONE_SURROGATE.test(text);

/** True for text that may be stored: no controls but newline, CR and tab, no lone surrogates. */
export const isStorableText = (text: string) => !CONTROL_EXCEPT_LINE_BREAKS.test(text) && !LONE_SURROGATE.test(text);

/** True for one line of text (a name): no control characters at all, no lone surrogates. */
export const isStorableLine = (text: string) => !CONTROL.test(text) && !LONE_SURROGATE.test(text);

export const printableMessage = (label: string) => `Use only printable characters in the ${label}`;

/** Trimmed text; empty becomes null. Multi-line: newlines and tabs are kept. */
export const ZOptionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${label} under ${max} characters`)
    .refine(isStorableText, printableMessage(label))
    .nullish()
    .transform((text) => (text ? text : null));

/** A required single-line name, trimmed. */
export const ZLineText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter a ${label}`)
    .max(max, `Keep the ${label} under ${max} characters`)
    .refine(isStorableLine, printableMessage(label));

/**
 * A role's key ("ADMIN", "SUPPORT_AGENT"… or a custom role's uuid), trimmed; the service checks
 * that the role exists. Control characters are refused here: PostgreSQL cannot compare a NUL.
 */
export const ZRoleKey = z
  .string("Choose a role")
  .trim()
  .min(1, "Choose a role")
  .max(100, "Choose a role")
  .refine(isStorableLine, "Choose a role");

type MoneyRule = { amount: string; currency: string; field: string; allowZero?: boolean };

/**
 * Parses an amount against its currency inside a zod transform; on failure adds an issue on the
 * amount's own field ("amount: Use at most 2 decimals for USD") and returns null. Zero is refused
 * unless the field allows it, and the message says which rule the field has.
 */
export function moneyOf(ctx: z.RefinementCtx, rule: MoneyRule): bigint | null {
  const parsed = parseAmount(rule.amount, rule.currency, { allowZero: rule.allowZero ?? false });
  if (!parsed.ok) {
    const field = parsed.reason === "UNKNOWN_CURRENCY" ? "currency" : rule.field;
    ctx.addIssue({ code: "custom", path: [field], message: parsed.message });
    return null;
  }
  return parsed.amountMinor;
}
