import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/server/db/client";
import { openTestDb, uniqueEmail, type TestDb } from "@/tests/helpers/test-db";
import { EMAIL_ATTEMPTS, IP_ATTEMPTS } from "./sign-in-throttle";
import { signInStaff } from "./sign-in";
import { createStaff } from "./staff.service";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

const PASSWORD = "right-password-123";
// Each test from its own address, so the per-IP limit of one test never decides another's.
const uniqueIp = () => `203.0.${randomInt(0, 256)}.${randomInt(1, 255)}`;

async function newStaff() {
  const email = uniqueEmail("throttle");
  const staff = await createStaff(t.db, { email, name: "Throttle", role: "VIEWER", password: PASSWORD });
  return { email, staff };
}

const auditRowsFor = (entityId: string) =>
  t.db.auditLog.findMany({ where: { entityType: "staff", entityId }, orderBy: { id: "asc" } });

describe("sign-in attempt limits", () => {
  it("refuses the right password after 5 failures for the email, saying when to try again", async () => {
    const { email } = await newStaff();
    const ip = uniqueIp();
    for (let i = 0; i < EMAIL_ATTEMPTS; i++) {
      expect(await signInStaff(t.db, { email, password: "wrong", ip, userAgent: "vitest" })).toEqual({ ok: false, retryAfterSeconds: null });
    }

    const locked = await signInStaff(t.db, { email, password: PASSWORD, ip, userAgent: "vitest" });
    expect(locked.ok).toBe(false);
    const retryAfterSeconds = (locked as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // Also from another address: the lock is on the email.
    expect((await signInStaff(t.db, { email, password: PASSWORD, ip: uniqueIp(), userAgent: "vitest" })).ok).toBe(false);
  });

  it("keeps the lock in the database: a new client and a new limiter still refuse", async (ctx) => {
    const { email } = await newStaff();
    const ip = uniqueIp();
    for (let i = 0; i < EMAIL_ATTEMPTS; i++) await signInStaff(t.db, { email, password: "wrong", ip, userAgent: "vitest" });
    if (t.target.kind !== "postgres") return ctx.skip("PGlite allows one client per folder; the counters are rows either way");

    const other = await createDb(t.target);
    try {
      const result = await signInStaff(other.db, { email, password: PASSWORD, ip: uniqueIp(), userAgent: "vitest" });
      expect(result).toMatchObject({ ok: false });
      expect((result as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(14 * 60);
    } finally {
      await other.close();
    }
  });

  it("counts attempts made at the same moment: 10 at once let at most 5 check a password", async () => {
    const { email } = await newStaff();
    const ip = uniqueIp();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => signInStaff(t.db, { email, password: "wrong", ip, userAgent: "vitest" })),
    );
    expect(results.filter((r) => !r.ok && r.retryAfterSeconds !== null)).toHaveLength(5);
    expect((await signInStaff(t.db, { email, password: PASSWORD, ip, userAgent: "vitest" })).ok).toBe(false);
  });

  it("a success clears the email's failures", async () => {
    const { email, staff } = await newStaff();
    const ip = uniqueIp();
    for (let i = 0; i < EMAIL_ATTEMPTS - 1; i++) await signInStaff(t.db, { email, password: "wrong", ip, userAgent: "vitest" });
    expect(await signInStaff(t.db, { email, password: PASSWORD, ip, userAgent: "vitest" })).toMatchObject({ ok: true, staffId: staff.id });
    for (let i = 0; i < EMAIL_ATTEMPTS - 1; i++) await signInStaff(t.db, { email, password: "wrong", ip, userAgent: "vitest" });
    expect(await signInStaff(t.db, { email, password: PASSWORD, ip, userAgent: "vitest" })).toMatchObject({ ok: true, staffId: staff.id });
  });

  it("limits one address trying many emails", async () => {
    const ip = uniqueIp();
    await Promise.all(
      Array.from({ length: IP_ATTEMPTS }, () => signInStaff(t.db, { email: uniqueEmail("spray"), password: "wrong", ip, userAgent: "vitest" })),
    );
    const { email } = await newStaff();
    const result = await signInStaff(t.db, { email, password: PASSWORD, ip, userAgent: "vitest" });
    expect(result).toMatchObject({ ok: false });
    expect((result as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(14 * 60);
    // The same staff member from another address is not affected.
    expect((await signInStaff(t.db, { email, password: PASSWORD, ip: uniqueIp(), userAgent: "vitest" })).ok).toBe(true);
  }, 90_000);
});

describe("sign-in audit", () => {
  it("writes each success, failure and lockout with the IP and user agent", async () => {
    const { email, staff } = await newStaff();
    const ip = uniqueIp();
    const userAgent = "Mozilla/5.0 (audit test)";
    await signInStaff(t.db, { email, password: PASSWORD, ip, userAgent });
    for (let i = 0; i < EMAIL_ATTEMPTS; i++) await signInStaff(t.db, { email, password: "wrong", ip, userAgent });
    await signInStaff(t.db, { email, password: PASSWORD, ip, userAgent });

    const rows = await auditRowsFor(staff.id);
    expect(rows.map((r) => r.action)).toEqual([
      "auth.sign_in",
      ...Array<string>(EMAIL_ATTEMPTS).fill("auth.sign_in_failed"),
      "auth.sign_in_locked",
    ]);
    expect(rows.every((r) => r.actorId === staff.id && r.actorRole === "VIEWER" && r.ip === ip && r.userAgent === userAgent)).toBe(true);
    expect(rows[0]!.details).toEqual({ email });
    expect(rows[1]!.details).toEqual({ email, reason: "wrong_password" });
    expect(rows.at(-1)!.details).toMatchObject({ email, retryAfterSeconds: expect.any(Number) as number });
  });

  it("records a failure for an email no staff member has", async () => {
    const email = uniqueEmail("nobody");
    const ip = uniqueIp();
    await signInStaff(t.db, { email, password: "guess", ip, userAgent: "curl/8" });
    const rows = await auditRowsFor(email);
    expect(rows.map((r) => ({ action: r.action, actorId: r.actorId, ip: r.ip, userAgent: r.userAgent, details: r.details }))).toEqual([
      { action: "auth.sign_in_failed", actorId: null, ip, userAgent: "curl/8", details: { email, reason: "unknown_email" } },
    ]);
  });
});
