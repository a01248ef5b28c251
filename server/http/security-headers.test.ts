import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

describe("securityHeaders", () => {
  it("allows scripts only with the request's nonce in production, and no framing", () => {
    const headers = securityHeaders({ nonce: "abc123", isHttps: false, isDev: false });
    const csp = headers["Content-Security-Policy"];
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic';");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(headers).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
  });

  it("sends HSTS and upgrades requests only when served over https", () => {
    expect(securityHeaders({ nonce: "n", isHttps: false, isDev: false })).not.toHaveProperty("Strict-Transport-Security");
    const https = securityHeaders({ nonce: "n", isHttps: true, isDev: false });
    expect(https["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });

  it("allows eval only in development", () => {
    expect(securityHeaders({ nonce: "n", isHttps: false, isDev: true })["Content-Security-Policy"]).toContain("'unsafe-eval'");
  });
});
