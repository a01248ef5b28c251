import { describe, expect, it } from "vitest";
import { lockedError, signInErrorMessage, UNAVAILABLE_ERROR } from "./sign-in-messages";

describe("signInErrorMessage", () => {
  it("says when to try again after a lockout, in whole minutes rounded up", () => {
    expect(signInErrorMessage(lockedError(840))).toBe("Too many attempts; try again in 14 minutes.");
    expect(signInErrorMessage(lockedError(841))).toBe("Too many attempts; try again in 15 minutes.");
    expect(signInErrorMessage(lockedError(30))).toBe("Too many attempts; try again in 1 minute.");
  });

  it("never shows an unknown error's text", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("Wrong email or password, or the account is deactivated.");
    expect(signInErrorMessage('relation "staff_user" does not exist')).toBe("Wrong email or password, or the account is deactivated.");
    expect(signInErrorMessage(UNAVAILABLE_ERROR)).toBe("Signing in is not possible right now; try again in a moment.");
  });
});
