import { describe, expect, it } from "vitest";
import { isRefusedForGood } from "./refused-for-good";

describe("isRefusedForGood", () => {
  it("renews the key after a refusal, with a field or not", () => {
    expect(isRefusedForGood({ data: { httpStatus: 400, fieldErrors: { balance: "The balance is already £0.00" } } })).toBe(true);
    expect(isRefusedForGood({ data: { httpStatus: 409, appCode: "CONFLICT", fieldErrors: null } })).toBe(true);
  });

  it("keeps the key when the outcome is unknown or the key guards another input", () => {
    expect(isRefusedForGood({})).toBe(false);
    expect(isRefusedForGood({ data: { httpStatus: 500 } })).toBe(false);
    expect(isRefusedForGood({ data: { httpStatus: 409, fieldErrors: { idempotencyKey: "This idempotency key was already used for a different request" } } })).toBe(false);
    expect(isRefusedForGood({ data: { httpStatus: 409, appCode: "IDEMPOTENCY_MISMATCH", fieldErrors: { idempotencyKey: ["…"] } } })).toBe(false);
  });
});
