import { describe, expect, it } from "vitest";
import { notifyChannelOf, refundAmountError, refundFormErrors, refundSentence } from "./refund-rules";

const payment = { refundableMinor: 2500n, currency: "USD" };

describe("refundAmountError", () => {
  it("accepts the whole remainder and any part of it", () => {
    expect(refundAmountError("25.00", payment)).toBeNull();
    expect(refundAmountError("0.01", payment)).toBeNull();
  });

  it("refuses an amount above the refundable remainder, naming the amount and the limit", () => {
    expect(refundAmountError("25.01", payment)).toBe("The amount can be at most US$25.00, what is left to refund");
  });

  it("refuses zero, text and more decimals than the currency has", () => {
    expect(refundAmountError("", payment)).toBe("Enter an amount");
    expect(refundAmountError("0", payment)).toBe("Enter an amount above zero");
    expect(refundAmountError("-5", payment)).toBe("Enter an amount above zero");
    expect(refundAmountError("ten", payment)).toBe("Enter an amount like 1234.56");
    expect(refundAmountError("0,50", payment)).toBe("Enter an amount like 1234.56");
    expect(refundAmountError("1.005", payment)).toBe("Use at most 2 decimals for USD");
    expect(refundAmountError("1.5", { refundableMinor: 700n, currency: "JPY" })).toBe("JPY has no decimals; enter a whole amount");
  });
});

describe("refundFormErrors", () => {
  it("asks for an explanation only when the reason is Other", () => {
    expect(refundFormErrors({ amount: "5", reason: "OTHER", explanation: "  " }, payment)).toEqual({
      explanation: "Explain the reason when you choose Other",
    });
    expect(refundFormErrors({ amount: "5", reason: "DUPLICATE", explanation: "" }, payment)).toEqual({});
  });
});

describe("refundSentence", () => {
  it("says how much goes where", () => {
    expect(refundSentence({ amountMinor: 2500n, currency: "USD", type: "ORIGINAL_METHOD", methodLabel: "Visa •••• 4242" })).toBe(
      "Refund US$25.00 to Visa •••• 4242",
    );
    expect(refundSentence({ amountMinor: 2500n, currency: "USD", type: "STORE_CREDIT", methodLabel: "Visa •••• 4242" })).toBe(
      "Refund US$25.00 to store credit",
    );
  });
});

describe("notifyChannelOf", () => {
  it("texts a customer with a phone and emails one without", () => {
    expect(notifyChannelOf({ phone: "+1 555-010-0199", email: "a@b.c" })).toEqual({ channel: "SMS", address: "+1 555-010-0199" });
    expect(notifyChannelOf({ phone: null, email: "a@b.c" })).toEqual({ channel: "email", address: "a@b.c" });
  });
});
