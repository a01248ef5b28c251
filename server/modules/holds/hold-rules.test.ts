import { describe, expect, it } from "vitest";
import { isAppError } from "@/server/lib/app-error";
import { assertHoldOpen, captureAmountOf, holdExpiresAt, isHoldDue } from "./hold-rules";

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message, field: error.field };
    throw error;
  }
  throw new Error("Expected a refusal");
};

const now = new Date("2026-12-04T12:00:00Z");
const hold = { amountMinor: 2000n, currency: "USD", status: "PLACED" as const, expiresAt: new Date("2026-12-04T12:30:00Z") };

describe("hold rules", () => {
  it("expires a hold its time to live after it was placed", () => {
    expect(holdExpiresAt(now, 30)).toEqual(new Date("2026-12-04T12:30:00Z"));
  });

  it("treats an open hold as due from its expiry on, and a closed one never", () => {
    expect(isHoldDue(hold, now)).toBe(false);
    expect(isHoldDue(hold, hold.expiresAt)).toBe(true);
    expect(isHoldDue({ ...hold, status: "RELEASED" }, new Date("2027-01-01T00:00:00Z"))).toBe(false);
  });

  it("captures all of the hold by default, a part when asked, never more than is held", () => {
    expect(captureAmountOf(hold, undefined)).toBe(2000n);
    expect(captureAmountOf(hold, 1500n)).toBe(1500n);
    expect(refusal(() => captureAmountOf(hold, 2001n))).toEqual({
      code: "BAD_INPUT",
      message: "At most US$20.00 is held; capture that or less",
      field: "amountMinor",
    });
    expect(refusal(() => captureAmountOf(hold, 0n))).toMatchObject({ code: "BAD_INPUT", field: "amountMinor" });
  });

  it("refuses to act on a hold that is closed or past its expiry", () => {
    expect(() => assertHoldOpen(hold, now)).not.toThrow();
    expect(refusal(() => assertHoldOpen({ ...hold, status: "CAPTURED" }, now))).toEqual({
      code: "CONFLICT",
      message: "This hold was already captured",
      field: "holdId",
    });
    expect(refusal(() => assertHoldOpen({ ...hold, status: "RELEASED" }, now))).toMatchObject({ message: "This hold was already released" });
    expect(refusal(() => assertHoldOpen(hold, new Date("2026-12-04T12:31:00Z")))).toMatchObject({ code: "CONFLICT", message: "This hold has expired" });
  });
});
