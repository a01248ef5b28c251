import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

const secret = "a-test-secret-that-is-long-enough-000";
const claims = { sub: "0190a0b0-0000-7000-8000-000000000001", sv: 3, sat: 1_700_000_000 };

describe("session token codec", () => {
  it("reads the cookies next-auth itself writes", async () => {
    const token = await encode({ token: claims, secret, maxAge: 600 });
    expect(await decodeSessionToken({ token, secret })).toMatchObject(claims);
  });

  it("writes cookies next-auth itself reads, expiring after maxAge", async () => {
    const token = await encodeSessionToken({ token: claims, secret, maxAge: 600 });
    const payload = await decode({ token, secret });
    expect(payload).toMatchObject(claims);
    expect(Number(payload!.exp) - Number(payload!.iat)).toBe(600);
  });

  it("refuses a token sealed with another secret", async () => {
    const token = await encode({ token: claims, secret: `${secret}-other`, maxAge: 600 });
    await expect(decodeSessionToken({ token, secret })).rejects.toThrow();
  });

  it("refuses an expired token", async () => {
    const token = await encodeSessionToken({ token: claims, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token, secret })).rejects.toThrow();
  });

  it("keys by salt as next-auth does", async () => {
    const token = await encode({ token: claims, secret, salt: "s1", maxAge: 600 });
    expect(await decodeSessionToken({ token, secret, salt: "s1" })).toMatchObject(claims);
    await expect(decodeSessionToken({ token, secret })).rejects.toThrow();
  });
});
