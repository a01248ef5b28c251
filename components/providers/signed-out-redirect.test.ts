import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { isSignedOutError, signInPathFor } from "./signed-out-redirect";

const trpcError = (data: unknown) => Object.assign(new TRPCClientError("refused"), { data });

describe("signed-out redirect", () => {
  it("recognises only a tRPC UNAUTHORIZED answer", () => {
    expect(isSignedOutError(trpcError({ code: "UNAUTHORIZED", httpStatus: 401 }))).toBe(true);
    expect(isSignedOutError(trpcError({ code: "FORBIDDEN", httpStatus: 403 }))).toBe(false);
    expect(isSignedOutError(trpcError(undefined))).toBe(false);
    expect(isSignedOutError(new Error("UNAUTHORIZED"))).toBe(false);
  });

  it("comes back to the page and its query after signing in", () => {
    expect(signInPathFor({ pathname: "/approvals", search: "?status=PENDING" })).toBe("/sign-in?callbackUrl=%2Fapprovals%3Fstatus%3DPENDING");
    expect(signInPathFor({ pathname: "/", search: "" })).toBe("/sign-in");
  });
});
