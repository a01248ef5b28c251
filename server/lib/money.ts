// Money is { amountMinor: bigint, currency } everywhere; this file is the only place that turns it
// into text and back. Pure and client-safe (no Node imports), so forms validate exactly as the
// server does. Amounts are never floats: decimal strings are parsed digit by digit.

export type Money = { amountMinor: bigint; currency: string };

/** Largest amount anything may hold: 1,000,000,000 major units of its currency. */
export const MAX_MAJOR_UNITS = 1_000_000_000n;

const CURRENCY_CODE = /^[A-Z]{3}$/;
const exponents = new Map<string, number>();
let knownCurrencies: ReadonlySet<string> | undefined;

/** True for an ISO 4217 code the runtime's Intl data knows (well-formed but made-up codes are not). */
export function isKnownCurrency(currency: string): boolean {
  if (!CURRENCY_CODE.test(currency)) return false;
  knownCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  return knownCurrencies.has(currency);
}

/** Digits after the decimal point in the currency's minor unit: USD 2, JPY 0, BHD 3. */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    if (!isKnownCurrency(currency)) throw new RangeError(`Unknown currency "${currency}"`);
    exponent = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** The largest amount in minor units: MAX_MAJOR_UNITS in the currency's minor unit. */
export const maxMinorUnits = (currency: string) => MAX_MAJOR_UNITS * 10n ** BigInt(currencyExponent(currency));

export type MoneyParseError = "EMPTY" | "NOT_A_NUMBER" | "NEGATIVE" | "TOO_PRECISE" | "TOO_LARGE" | "UNKNOWN_CURRENCY";
export type MoneyParseResult = { ok: true; amountMinor: bigint } | { ok: false; reason: MoneyParseError };

// Only what cannot be misread: plain digits ("1234", "0.5") or en-US grouping with a first group
// of 1-3 digits that does not start with 0 and then groups of exactly 3 ("1,234.56"), each with an
// optional "." and digits. "0,500", "1,23" and "1,2345" are refused: typed with a decimal comma,
// any reading of them is a guess, and reading them as grouping makes 0,500 worth 500.
const DECIMAL = /^(?:\d+|[1-9]\d{0,2}(?:,\d{3})+)(?:\.\d+)?$/;

/**
 * Parses what a person typed ("12.50", "1,000", " 7 ") into minor units of `currency`. Refuses
 * negative amounts, more decimals than the currency has (0.001 USD, 1.5 JPY) and amounts above
 * MAX_MAJOR_UNITS. Zero parses; `parseAmount` applies a field's zero rule.
 */
export function parseMoney(text: string, currency: string): MoneyParseResult {
  if (!isKnownCurrency(currency)) return { ok: false, reason: "UNKNOWN_CURRENCY" };
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, reason: "EMPTY" };
  if (trimmed.startsWith("-")) return { ok: false, reason: DECIMAL.test(trimmed.slice(1)) ? "NEGATIVE" : "NOT_A_NUMBER" };
  if (!DECIMAL.test(trimmed)) return { ok: false, reason: "NOT_A_NUMBER" };

  const [wholeText = "", fractionText = ""] = trimmed.replaceAll(",", "").split(".");
  const exponent = currencyExponent(currency);
  // Trailing zeros are not precision: "1.50" JPY is refused, "100.00" JPY is 100.
  const significant = fractionText.replace(/0+$/, "");
  if (significant.length > exponent) return { ok: false, reason: "TOO_PRECISE" };
  const whole = BigInt(wholeText);
  if (whole > MAX_MAJOR_UNITS) return { ok: false, reason: "TOO_LARGE" };
  const amountMinor = whole * 10n ** BigInt(exponent) + BigInt(significant.padEnd(exponent, "0") || "0");
  if (amountMinor > maxMinorUnits(currency)) return { ok: false, reason: "TOO_LARGE" };
  return { ok: true, amountMinor };
}

/** What a field accepts beyond a well-formed amount: zero (a balance, an earning) or only above it. */
export type AmountRule = { allowZero: boolean };
export type AmountError = MoneyParseError | "ZERO";
export type AmountResult = { ok: true; amountMinor: bigint } | { ok: false; reason: AmountError; message: string };

/** `parseMoney` plus the field's zero rule, with the sentence to show beside the field. */
export function parseAmount(text: string, currency: string, rule: AmountRule): AmountResult {
  const parsed = parseMoney(text, currency);
  if (!parsed.ok) return { ...parsed, message: moneyErrorMessage(parsed.reason, currency, rule) };
  if (parsed.amountMinor === 0n && !rule.allowZero) return { ok: false, reason: "ZERO", message: moneyErrorMessage("ZERO", currency, rule) };
  return parsed;
}

/** The sentence a form shows beside the field; negative and zero amounts are worded by the field's rule. */
export function moneyErrorMessage(reason: AmountError, currency: string, rule: AmountRule): string {
  switch (reason) {
    case "EMPTY":
      return "Enter an amount";
    case "NOT_A_NUMBER":
      return "Enter an amount like 1234.56";
    case "NEGATIVE":
    case "ZERO":
      return rule.allowZero ? "Enter an amount of zero or more" : "Enter an amount above zero";
    case "TOO_PRECISE": {
      const exponent = currencyExponent(currency);
      return exponent === 0
        ? `${currency} has no decimals; enter a whole amount`
        : `Use at most ${exponent} decimal${exponent === 1 ? "" : "s"} for ${currency}`;
    }
    case "TOO_LARGE":
      return `Enter at most ${formatMoney(maxMinorUnits(currency), currency)}`;
    case "UNKNOWN_CURRENCY":
      return `"${currency}" is not a currency code`;
  }
}

/** Minor units as a plain decimal string: 1250n USD → "12.50", -5n USD → "-0.05", 700n JPY → "700". */
export function toDecimalString(amountMinor: bigint, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = amountMinor < 0n ? "-" : "";
  const digits = (amountMinor < 0n ? -amountMinor : amountMinor).toString();
  if (exponent === 0) return `${sign}${digits}`;
  const padded = digits.padStart(exponent + 1, "0");
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/**
 * The one locale money is written in. en-GB's symbols name each currency on their own (US$, CA$,
 * A$, JP¥, CN¥, €, £); en-US writes a bare "$" and "¥" that could be USD or CAD, JPY or CNY.
 * money.test.ts proves no two currencies share a symbol here.
 */
export const MONEY_LOCALE = "en-GB";

const formatters = new Map<string, Intl.NumberFormat>();

/** "US$12.50", "JP¥700", "-€3.00", "£4.00"; exact for any size, because Intl gets the decimal string. */
export function formatMoney(amountMinor: bigint, currency: string): string {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat(MONEY_LOCALE, { style: "currency", currency, currencyDisplay: "symbol" });
    formatters.set(currency, formatter);
  }
  return formatter.format(toDecimalString(amountMinor, currency) as Intl.StringNumericLiteral);
}

/**
 * The one order for amounts in several currencies (balance cards, totals, lists): the store's
 * main currency first, then the rest alphabetically by code. Returns a new array.
 */
export function sortByCurrency<T extends { currency: string }>(items: readonly T[], mainCurrency: string | null): T[] {
  return items.toSorted((a, b) => {
    if (a.currency === b.currency) return 0;
    if (a.currency === mainCurrency) return -1;
    if (b.currency === mainCurrency) return 1;
    return a.currency < b.currency ? -1 : 1;
  });
}
