import { describe, expect, it } from "vitest";
import { buildAuthOptions } from "./auth-options";

describe("the session cookie", () => {
  it("is Secure and __Secure- named when the public URL is https", () => {
    const options = buildAuthOptions("https://creditdesk.example");
    expect(options.useSecureCookies).toBe(true);
    expect(options.cookies?.sessionToken).toEqual({
      name: "__Secure-next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
  });

  it("is not Secure on a plain http URL (local use), where browsers would drop it", () => {
    const options = buildAuthOptions("http://localhost:3000");
    expect(options.useSecureCookies).toBe(false);
    expect(options.cookies?.sessionToken).toEqual({
      name: "next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    });
  });
});

describe("next-auth's redirect callback", () => {
  const redirect = (url: string) =>
    buildAuthOptions("https://creditdesk.example").callbacks!.redirect!({ url, baseUrl: "https://creditdesk.example" });

  it("keeps a path on the app", async () => {
    expect(await redirect("/customers/abc?tab=payments")).toBe("https://creditdesk.example/customers/abc?tab=payments");
  });

  it.each(["/\\evil.example", "/\\/evil.example", "/\t/evil.example", "https://evil.example/x"])(
    "sends %s to the dashboard instead",
    async (url) => {
      expect(await redirect(url)).toBe("https://creditdesk.example/");
    },
  );
});

describe("the session token", () => {
  const jwt = buildAuthOptions("http://localhost:3000").callbacks!.jwt!;

  it("records the staff id, session version and sign-in time at sign-in", async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await jwt({ token: {}, user: { id: "staff-1", sessionVersion: 3 } as never, account: null });
    expect(token).toMatchObject({ sub: "staff-1", sv: 3 });
    expect(token.sat).toBeGreaterThanOrEqual(before);
  });

  it("is emptied on renewal once 24 hours have passed since sign-in", async () => {
    const signedInAt = Math.floor(Date.now() / 1000) - 24 * 60 * 60;
    expect(await jwt({ token: { sub: "staff-1", sv: 0, sat: signedInAt }, user: undefined as never, account: null })).toEqual({});
  });
});
