import { describe, expect, it } from "vitest";
import {
  currencyExponent,
  formatMoney,
  isKnownCurrency,
  maxMinorUnits,
  MONEY_LOCALE,
  moneyErrorMessage,
  parseAmount,
  parseMoney,
  sortByCurrency,
  toDecimalString,
} from "./money";

const parsed = (text: string, currency: string) => {
  const result = parseMoney(text, currency);
  return result.ok ? result.amountMinor : result.reason;
};

describe("currency exponents", () => {
  it("reads the minor unit from Intl: USD 2, JPY 0, BHD 3", () => {
    expect(currencyExponent("USD")).toBe(2);
    expect(currencyExponent("EUR")).toBe(2);
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("BHD")).toBe(3);
  });

  it("knows real ISO codes only", () => {
    expect(isKnownCurrency("GBP")).toBe(true);
    expect(isKnownCurrency("XYZ")).toBe(false);
    expect(isKnownCurrency("usd")).toBe(false);
    expect(() => currencyExponent("XYZ")).toThrow(/Unknown currency/);
  });
});

describe("parseMoney", () => {
  it("parses decimal strings exactly, never through floats", () => {
    expect(parsed("12.50", "USD")).toBe(1250n);
    expect(parsed("0.1", "USD")).toBe(10n);
    expect(parsed("0.29", "USD")).toBe(29n);
    expect(parsed(" 7 ", "USD")).toBe(700n);
    expect(parsed("1,234.56", "USD")).toBe(123456n);
    expect(parsed("0.5", "EUR")).toBe(50n);
    expect(parsed("1,000", "USD")).toBe(100000n);
    expect(parsed("1,234,567.8", "USD")).toBe(123456780n);
    expect(parsed("700", "JPY")).toBe(700n);
    expect(parsed("1.234", "BHD")).toBe(1234n);
    expect(parsed("0", "USD")).toBe(0n);
  });

  it("accepts trailing zeros beyond the minor unit, which add no precision", () => {
    expect(parsed("100.00", "JPY")).toBe(100n);
    expect(parsed("1.500", "USD")).toBe(150n);
  });

  it("refuses more decimals than the currency has: 0.001 USD, 1.5 JPY", () => {
    expect(parsed("0.001", "USD")).toBe("TOO_PRECISE");
    expect(parsed("1.5", "JPY")).toBe("TOO_PRECISE");
    expect(moneyErrorMessage("TOO_PRECISE", "USD", { allowZero: false })).toBe("Use at most 2 decimals for USD");
    expect(moneyErrorMessage("TOO_PRECISE", "JPY", { allowZero: false })).toBe("JPY has no decimals; enter a whole amount");
  });

  it("refuses more than 1,000,000,000 major units", () => {
    expect(parsed("1000000000", "USD")).toBe(100_000_000_000n);
    expect(parsed("1000000000.01", "USD")).toBe("TOO_LARGE");
    expect(parsed("1000000001", "JPY")).toBe("TOO_LARGE");
    expect(parsed("99999999999999999999999999", "USD")).toBe("TOO_LARGE");
    expect(maxMinorUnits("JPY")).toBe(1_000_000_000n);
    expect(moneyErrorMessage("TOO_LARGE", "USD", { allowZero: false })).toBe("Enter at most US$1,000,000,000.00");
  });

  it("refuses negative amounts, non-numbers and unknown currencies", () => {
    expect(parsed("-5", "USD")).toBe("NEGATIVE");
    expect(parsed("", "USD")).toBe("EMPTY");
    for (const text of ["abc", "1e5", "12.5.0", "0x10", ".", "NaN", "Infinity", "1 000", "--5", "-", "١٢٣"]) {
      expect(parsed(text, "USD")).toBe("NOT_A_NUMBER");
    }
    expect(parsed("5", "XYZ")).toBe("UNKNOWN_CURRENCY");
  });
});

describe("amounts that could be misread", () => {
  // Typed with a decimal comma, these read as grouping would be 1000x (or 100x) what was meant.
  it.each([
    ["0,500", "USD"],
    ["0,050", "EUR"],
    ["000,001", "USD"],
    ["00,500", "USD"],
    ["0,5", "USD"],
    ["1,23", "USD"],
    ["1,2345", "USD"],
    ["12,5", "EUR"],
    ["1234,56", "EUR"],
    ["1.234,56", "EUR"],
    ["1,234,56", "USD"],
    ["1234,567", "USD"],
    ["1,2,3", "USD"],
    [",500", "USD"],
    ["1,", "USD"],
    ["1,000.", "USD"],
    ["1.", "USD"],
    [".5", "USD"],
    ["+3", "USD"],
    ["1_000", "USD"],
    ["1'000", "CHF"],
  ])("refuses %s %s as not an amount", (text, currency) => {
    expect(parsed(text, currency)).toBe("NOT_A_NUMBER");
    expect(parseAmount(text, currency, { allowZero: false })).toEqual({ ok: false, reason: "NOT_A_NUMBER", message: "Enter an amount like 1234.56" });
  });

  it("accepts plain digits and correct en-US grouping, whatever the currency", () => {
    expect(parsed("1,234.56", "EUR")).toBe(123456n);
    expect(parsed("999,999,999", "JPY")).toBe(999_999_999n);
    expect(parsed("1,000,000,000", "USD")).toBe(100_000_000_000n);
    expect(parsed("0500", "USD")).toBe(50000n);
    expect(parsed("0.500", "USD")).toBe(50n);
    expect(parsed("12.345", "BHD")).toBe(12345n);
  });

  it("refuses a negative amount only when the rest of it is a well-formed amount, else as not an amount", () => {
    expect(parsed("-1,234.56", "USD")).toBe("NEGATIVE");
    expect(parsed("-0,500", "USD")).toBe("NOT_A_NUMBER");
  });
});

describe("each field's own rule for zero and below", () => {
  it("says 'above zero' for a negative or zero amount where zero is refused", () => {
    expect(parseAmount("-5", "USD", { allowZero: false })).toEqual({ ok: false, reason: "NEGATIVE", message: "Enter an amount above zero" });
    expect(parseAmount("0", "USD", { allowZero: false })).toEqual({ ok: false, reason: "ZERO", message: "Enter an amount above zero" });
    expect(parseAmount("0.00", "USD", { allowZero: false })).toMatchObject({ reason: "ZERO" });
  });

  it("says 'zero or more' for a negative amount where zero is allowed, and accepts zero there", () => {
    expect(parseAmount("-5", "USD", { allowZero: true })).toEqual({ ok: false, reason: "NEGATIVE", message: "Enter an amount of zero or more" });
    expect(parseAmount("0", "USD", { allowZero: true })).toEqual({ ok: true, amountMinor: 0n });
  });

  it("words the other refusals the same under either rule", () => {
    for (const allowZero of [true, false]) {
      expect(parseAmount("", "USD", { allowZero })).toMatchObject({ message: "Enter an amount" });
      expect(parseAmount("1.001", "USD", { allowZero })).toMatchObject({ message: "Use at most 2 decimals for USD" });
      expect(parseAmount("5", "XYZ", { allowZero })).toMatchObject({ reason: "UNKNOWN_CURRENCY", message: '"XYZ" is not a currency code' });
    }
  });
});

describe("formatting", () => {
  it("turns minor units into a decimal string", () => {
    expect(toDecimalString(1250n, "USD")).toBe("12.50");
    expect(toDecimalString(5n, "USD")).toBe("0.05");
    expect(toDecimalString(-5n, "USD")).toBe("-0.05");
    expect(toDecimalString(700n, "JPY")).toBe("700");
    expect(toDecimalString(1n, "BHD")).toBe("0.001");
  });

  it("formats with Intl, exactly for amounts beyond a float's precision", () => {
    expect(formatMoney(2500n, "USD")).toBe("US$25.00");
    expect(formatMoney(700n, "JPY")).toBe("JP¥700");
    expect(formatMoney(-300n, "EUR")).toBe("-€3.00");
    expect(formatMoney(7355n, "GBP")).toBe("£73.55");
    expect(formatMoney(123456789012345678n, "USD")).toBe("US$1,234,567,890,123,456.78");
  });

  it("never writes a symbol that two currencies share (no bare $ or ¥)", () => {
    expect(formatMoney(100n, "CAD")).toBe("CA$1.00");
    expect(formatMoney(100n, "CNY")).toBe("CN¥1.00");
    expect(formatMoney(100n, "AUD")).toBe("A$1.00");
    const symbolOf = (currency: string) =>
      new Intl.NumberFormat(MONEY_LOCALE, { style: "currency", currency, currencyDisplay: "symbol" }).formatToParts(1).find((p) => p.type === "currency")?.value;
    const owners = new Map<string, string[]>();
    for (const currency of Intl.supportedValuesOf("currency")) {
      const symbol = symbolOf(currency) ?? currency;
      owners.set(symbol, [...(owners.get(symbol) ?? []), currency]);
    }
    expect([...owners].filter(([, currencies]) => currencies.length > 1)).toEqual([]);
  });
});

describe("sortByCurrency", () => {
  const amounts = ["JPY", "GBP", "USD", "EUR", "CAD"].map((currency) => ({ currency, amountMinor: 1n }));

  it("puts the store's main currency first, then the rest by code", () => {
    expect(sortByCurrency(amounts, "USD").map((a) => a.currency)).toEqual(["USD", "CAD", "EUR", "GBP", "JPY"]);
    expect(sortByCurrency(amounts, "GBP").map((a) => a.currency)).toEqual(["GBP", "CAD", "EUR", "JPY", "USD"]);
  });

  it("sorts by code alone when the main currency is unknown or absent, and leaves the input as it was", () => {
    expect(sortByCurrency(amounts, null).map((a) => a.currency)).toEqual(["CAD", "EUR", "GBP", "JPY", "USD"]);
    expect(sortByCurrency(amounts, "CHF").map((a) => a.currency)).toEqual(["CAD", "EUR", "GBP", "JPY", "USD"]);
    expect(amounts.map((a) => a.currency)).toEqual(["JPY", "GBP", "USD", "EUR", "CAD"]);
  });

  it("reads as the issue asks", () => {
    const line = sortByCurrency(
      [
        { currency: "JPY", amountMinor: 4n },
        { currency: "GBP", amountMinor: 7355n },
        { currency: "EUR", amountMinor: 17345n },
        { currency: "USD", amountMinor: 165036n },
      ],
      "USD",
    )
      .map((m) => formatMoney(m.amountMinor, m.currency))
      .join(" · ");
    expect(line).toBe("US$1,650.36 · €173.45 · £73.55 · JP¥4");
  });
});

describe("decimal strings", () => {
  it("round-trips every parsed amount through its decimal string", () => {
    for (const [text, currency] of [["0.01", "USD"], ["999999999.99", "USD"], ["1", "JPY"], ["12.345", "BHD"]] as const) {
      const result = parseMoney(text, currency);
      expect(result.ok && toDecimalString(result.amountMinor, currency)).toBe(text);
    }
  });
});
