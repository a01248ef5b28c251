import { describe, expect, it, vi } from "vitest";
import { applyServerErrors } from "./server-errors";

type Form = { amount: string; memo: string; expiresOn: string };

describe("server errors on a form", () => {
  it("puts each field's messages beside its input and shows no toast", () => {
    const setError = vi.fn();
    const error = { message: "Enter an amount like 1234.56", data: { fieldErrors: { amount: ["Enter an amount like 1234.56"], memo: ["Keep the memo under 500 characters"] } } };
    expect(applyServerErrors<Form>(error, setError, ["amount", "memo"])).toBeNull();
    expect(setError.mock.calls).toEqual([
      ["amount", { type: "server", message: "Enter an amount like 1234.56" }],
      ["memo", { type: "server", message: "Keep the memo under 500 characters" }],
    ]);
  });

  it("shows a server field under the form's own name for it, without the server's name", () => {
    const setError = vi.fn();
    const error = { message: "Choose a date in the future", data: { fieldErrors: { expiresAt: ["Choose a date in the future"] } } };
    expect(applyServerErrors<Form>(error, setError, ["amount", "expiresOn"], { expiresAt: "expiresOn" })).toBeNull();
    expect(setError.mock.calls).toEqual([["expiresOn", { type: "server", message: "Choose a date in the future" }]]);
  });

  it("returns the sentence for a toast when no field of the form is named", () => {
    const setError = vi.fn();
    expect(applyServerErrors<Form>({ message: "Something went wrong (ref 1A2B3C4D)", data: { fieldErrors: {} } }, setError, ["amount"])).toBe(
      "Something went wrong (ref 1A2B3C4D)",
    );
    expect(applyServerErrors<Form>({ message: "This page link is no longer valid", data: { fieldErrors: { cursor: ["This page link is no longer valid"] } } }, setError, ["amount"])).toBe(
      "This page link is no longer valid",
    );
    expect(setError).not.toHaveBeenCalled();
  });

  it("never shows a raw field name before the sentence", () => {
    const setError = vi.fn();
    const error = { message: "creditId: This store credit does not exist", data: { fieldErrors: { creditId: ["creditId: This store credit does not exist"] } } };
    expect(applyServerErrors<Form>(error, setError, ["amount"])).toBe("This store credit does not exist");
    const onField = { message: "expiresAt: Choose a date in the future", data: { fieldErrors: { expiresAt: ["expiresAt: Choose a date in the future"] } } };
    expect(applyServerErrors<Form>(onField, setError, ["expiresOn"], { expiresAt: "expiresOn" })).toBeNull();
    expect(setError).toHaveBeenCalledWith("expiresOn", { type: "server", message: "Choose a date in the future" });
  });
});
