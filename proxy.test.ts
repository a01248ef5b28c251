import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { proxy } from "./proxy";

const SECRET = "proxy-test-secret-of-at-least-32-characters";
const ORIGIN = "http://localhost:3000";
const COOKIE = "next-auth.session-token";
const HOUR_MS = 60 * 60 * 1000;

beforeEach(() => {
  vi.stubEnv("NEXTAUTH_URL", ORIGIN);
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** A session cookie as next-auth would have issued it `issuedHoursAgo` ago, for a sign-in `signedInHoursAgo` ago. */
async function cookieIssued(opts: { issuedHoursAgo: number; signedInHoursAgo: number }) {
  const now = Date.now();
  vi.useFakeTimers({ now: now - opts.issuedHoursAgo * HOUR_MS });
  const token = { sub: "staff-1", sv: 2, sat: Math.floor((now - opts.signedInHoursAgo * HOUR_MS) / 1000) };
  const value = await encode({ token, secret: SECRET, maxAge: 8 * 60 * 60 });
  vi.useRealTimers();
  return value;
}

const request = (path: string, cookie?: string) =>
  new NextRequest(new URL(path, ORIGIN), { headers: cookie ? { cookie: `${COOKIE}=${cookie}` } : {} });

describe("proxy", () => {
  it("sends a visitor without a session to sign-in, with the security headers", async () => {
    const response = await proxy(request("/customers/abc?tab=payments"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(`${ORIGIN}/sign-in?callbackUrl=${encodeURIComponent("/customers/abc?tab=payments")}`);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("lets API, sign-in and set-password requests through without a session, with the headers", async () => {
    for (const path of ["/api/trpc/staff.me", "/api/v1/customers/x", "/api-docs", "/sign-in", "/set-password/abc123"]) {
      const response = await proxy(request(path));
      expect(response.headers.get("location")).toBeNull();
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("keeps /set-password itself (no token) and look-alike paths behind sign-in", async () => {
    for (const path of ["/set-password", "/set-passwordx/abc", "/api-docsx"]) expect((await proxy(request(path))).status).toBe(307);
  });

  it("renews an active session for another 8 idle hours, keeping its sign-in time", async () => {
    const response = await proxy(request("/customers", await cookieIssued({ issuedHoursAgo: 1, signedInHoursAgo: 3 })));
    const renewed = response.cookies.get(COOKIE);
    expect(renewed?.maxAge).toBe(8 * 60 * 60);
    const token = await decode({ token: renewed!.value, secret: SECRET });
    expect(token).toMatchObject({ sub: "staff-1", sv: 2 });
    expect(token!.sat).toBeLessThan(Date.now() / 1000 - 2.9 * 60 * 60);
    expect(token!.exp).toBeGreaterThan(Date.now() / 1000 + 7.9 * 60 * 60);
  });

  it("does not re-issue a cookie issued moments ago", async () => {
    const response = await proxy(request("/customers", await cookieIssued({ issuedHoursAgo: 0, signedInHoursAgo: 0 })));
    expect(response.headers.get("location")).toBeNull();
    expect(response.cookies.get(COOKIE)).toBeUndefined();
  });

  it("ends a session after 8 hours without a request", async () => {
    const response = await proxy(request("/customers", await cookieIssued({ issuedHoursAgo: 8.1, signedInHoursAgo: 9 })));
    expect(response.headers.get("location")).toMatch(/\/sign-in\?callbackUrl=%2Fcustomers$/);
  });

  it("ends a session 24 hours after sign-in, however recently it was renewed", async () => {
    const response = await proxy(request("/customers", await cookieIssued({ issuedHoursAgo: 0.5, signedInHoursAgo: 24 })));
    expect(response.headers.get("location")).toMatch(/\/sign-in/);
    expect(response.cookies.get(COOKIE)).toBeUndefined();
  });
});
