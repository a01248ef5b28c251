import { describe, expect, it } from "vitest";
import { limitActionOf } from "./use-approval-notice";

describe("limitActionOf", () => {
  it("checks a credit's typed amount in minor units", () => {
    expect(limitActionOf({ kind: "credit", currency: "USD", amountText: "500.00" })).toEqual({ kind: "credit", currency: "USD", amountMinor: 50000n });
  });

  it("checks nothing for text that is not an amount", () => {
    expect(limitActionOf({ kind: "credit", currency: "USD", amountText: "5,0x" })).toBeNull();
  });

  it("counts only the raise of an edited credit, and nothing for a cut", () => {
    expect(limitActionOf({ kind: "credit", currency: "USD", amountText: "150.00", fromMinor: 10000n })).toEqual({ kind: "credit", currency: "USD", amountMinor: 5000n });
    expect(limitActionOf({ kind: "credit", currency: "USD", amountText: "50.00", fromMinor: 10000n })).toBeNull();
  });

  it("sizes a new balance by its change either way, and counts an increase as credit", () => {
    expect(limitActionOf({ kind: "set_balance", currency: "USD", amountText: "30.00", fromMinor: 10000n })).toEqual({
      kind: "set_balance", currency: "USD", amountMinor: 7000n, creditMinor: 0n,
    });
    expect(limitActionOf({ kind: "set_balance", currency: "USD", amountText: "130.00", fromMinor: 10000n })).toEqual({
      kind: "set_balance", currency: "USD", amountMinor: 3000n, creditMinor: 3000n,
    });
    expect(limitActionOf({ kind: "set_balance", currency: "USD", amountText: "100.00", fromMinor: 10000n })).toBeNull();
  });
});
