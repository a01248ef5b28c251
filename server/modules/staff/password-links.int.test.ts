import { createHash, randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appOrigin } from "@/server/auth/app-url";
import { verifyPassword } from "@/server/auth/password";
import { createTRPCContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { openTestDb, uniqueEmail, type TestDb } from "@/tests/helpers/test-db";
import { callOverHttp, errorOf } from "@/tests/helpers/trpc-http";
import { createStaffMember, sessionFor } from "@/tests/factories/staff";
import { fieldRefusal, refusal } from "@/tests/helpers/trpc-errors";
import { deactivateStaff } from "./change-staff-access";
import { PASSWORD_LINK_IP_ATTEMPTS } from "./password-link-throttle";
import { addStaffMember, INVALID_LINK_MESSAGE, resetStaffPassword } from "./password-links";
import { signInStaff } from "./sign-in";
import { getActiveActor, getStaffActor } from "./staff.service";

let t: TestDb;
let admin: { id: string };
beforeAll(async () => {
  t = await openTestDb();
  admin = await createStaffMember(t.db, "ADMIN");
});
afterAll(() => t.close());

const NEW_PASSWORD = "a-brand-new-password";
// Each test from its own address: the per-IP budget of one test never decides another's.
const uniqueIp = () => `198.51.${randomInt(0, 256)}.${randomInt(1, 255)}`;

const adminCtx = async () => ({ db: t.db, actor: { ...(await getStaffActor(t.db, admin.id))!, request: { ip: "192.0.2.1", userAgent: "vitest" } } });
const adminCaller = async () => createCaller({ ...(await adminCtx()), request: null });
/** A signed-out visitor of the set-password page, from `ip`. */
const visitor = async (ip = uniqueIp()) => createCaller(await createTRPCContext({ db: t.db, session: null, request: { ip, userAgent: "vitest" } }));
const tokenOf = (url: string) => new URL(url).pathname.split("/").at(-1)!;

async function newMember(role = "SUPPORT_AGENT") {
  const email = uniqueEmail("link");
  const created = await addStaffMember(await adminCtx(), { name: "Link Member", email, roleKey: role });
  return { ...created, email, token: tokenOf(created.setPasswordUrl) };
}

describe("staff.create", () => {
  it("returns a one-time link valid 24 hours, stores only its SHA-256 and audits the creation", async () => {
    const { staffId, setPasswordUrl, expiresAt, email, token } = await newMember();

    expect(setPasswordUrl).toBe(`${appOrigin()}/set-password/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const links = await t.db.staffPasswordLink.findMany({ where: { staffId } });
    expect(links).toHaveLength(1);
    expect(links[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(links)).not.toContain(token);
    expect(links[0]!.expiresAt.getTime() - links[0]!.createdAt.getTime()).toBe(24 * 60 * 60 * 1000);
    expect(expiresAt).toEqual(links[0]!.expiresAt);

    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "staff.create", entityId: staffId } });
    expect(audit).toMatchObject({ actorId: admin.id, actorRole: "ADMIN", ip: "192.0.2.1", before: null, after: { name: "Link Member", email, role: "SUPPORT_AGENT", isActive: true } });
    expect(JSON.stringify(audit)).not.toContain(token);
    const listed = await (await adminCaller()).audit.list({ area: "staff", actorId: admin.id });
    expect(listed.items.map((entry) => entry.id)).toContain(audit.id);
  });

  it("the new member cannot sign in before setting a password", async () => {
    const { email } = await newMember();
    const staff = await t.db.staffUser.findUniqueOrThrow({ where: { email } });
    expect(await verifyPassword("", staff.passwordHash)).toBe(false);
    expect(await signInStaff(t.db, { email, password: NEW_PASSWORD, ip: uniqueIp(), userAgent: "vitest" })).toMatchObject({ ok: false });
  });

  it("refuses an email already in use (any case) on the email field, and writes nothing", async () => {
    const { email } = await newMember();
    const before = await t.db.staffUser.count();
    const caller = await adminCaller();
    expect(await fieldRefusal(caller.staff.create({ name: "Again", email: email.toUpperCase(), roleKey: "VIEWER" }))).toEqual({
      code: "CONFLICT",
      fieldMessage: "email: A staff member with this email already exists",
    });
    expect(await t.db.staffUser.count()).toBe(before);
  });

  it("two admins adding the same email at once: one is added, the other told on the email field", async () => {
    const email = uniqueEmail("race");
    const add = async () => (await adminCaller()).staff.create({ name: "Racer", email, roleKey: "VIEWER" });
    const results = await Promise.allSettled([add(), add()]);

    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const loser = results.find((r) => r.status === "rejected")!;
    expect(await fieldRefusal(Promise.reject(loser.reason))).toEqual({ code: "CONFLICT", fieldMessage: "email: A staff member with this email already exists" });
    expect(await t.db.staffUser.count({ where: { email } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { action: "staff.create", after: { path: ["email"], equals: email } } })).toBe(1);
  });

  it("names the field of a bad email, an empty name and an unknown role", async () => {
    const caller = await adminCaller();
    expect(await fieldRefusal(caller.staff.create({ name: "Ada", email: "not-an-email", roleKey: "VIEWER" }))).toEqual({
      code: "BAD_REQUEST",
      fieldMessage: "email: Enter a valid email address",
    });
    expect((await fieldRefusal(caller.staff.create({ name: " ", email: uniqueEmail(), roleKey: "VIEWER" }))).fieldMessage).toMatch(/^name: /);
    expect(await fieldRefusal(caller.staff.create({ name: "Ada", email: uniqueEmail(), roleKey: "NO_SUCH_ROLE" }))).toEqual({
      code: "NOT_FOUND",
      fieldMessage: "roleKey: Choose one of the roles in the list",
    });
  });
});

describe("set-password links", () => {
  it("a link tells whom it is for; setting the password signs them in, ends the link and is audited as the member", async () => {
    const { staffId, email, token } = await newMember();
    const ip = uniqueIp();
    const page = await visitor(ip);

    expect(await page.staff.passwordLink({ token })).toEqual({ name: "Link Member", email });
    await page.staff.setPassword({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });

    expect(await signInStaff(t.db, { email, password: NEW_PASSWORD, ip: uniqueIp(), userAgent: "vitest" })).toMatchObject({ ok: true, staffId });
    expect(await refusal(page.staff.passwordLink({ token }))).toEqual({ code: "NOT_FOUND", message: INVALID_LINK_MESSAGE });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "staff.set_password", entityId: staffId } });
    expect(audit).toMatchObject({ actorId: staffId, actorRole: "SUPPORT_AGENT", ip });
  });

  it("an expired link is refused with the same message, and sets nothing", async () => {
    const { staffId, token } = await newMember();
    // 24 hours and a second later, as far as the link is concerned.
    await t.db.$executeRaw`UPDATE staff_password_link SET created_at = created_at - interval '24 hours 1 second',
      expires_at = expires_at - interval '24 hours 1 second' WHERE staff_id = ${staffId}::uuid`;
    const hashBefore = (await t.db.staffUser.findUniqueOrThrow({ where: { id: staffId } })).passwordHash;
    const page = await visitor();

    expect(await refusal(page.staff.passwordLink({ token }))).toEqual({ code: "NOT_FOUND", message: INVALID_LINK_MESSAGE });
    expect(await refusal(page.staff.setPassword({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }))).toEqual({
      code: "NOT_FOUND",
      message: INVALID_LINK_MESSAGE,
    });
    expect((await t.db.staffUser.findUniqueOrThrow({ where: { id: staffId } })).passwordHash).toBe(hashBefore);
  });

  it("a newer link (reset password) revokes the older unused one", async () => {
    const { staffId, token: first } = await newMember();
    const { setPasswordUrl } = await resetStaffPassword(await adminCtx(), { staffId });
    const second = tokenOf(setPasswordUrl);
    const page = await visitor();

    expect(await refusal(page.staff.setPassword({ token: first, password: NEW_PASSWORD, confirm: NEW_PASSWORD }))).toEqual({
      code: "NOT_FOUND",
      message: INVALID_LINK_MESSAGE,
    });
    await page.staff.setPassword({ token: second, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(await t.db.staffPasswordLink.count({ where: { staffId, usedAt: { not: null } } })).toBe(1);
    expect(await t.db.staffPasswordLink.count({ where: { staffId, revokedAt: { not: null } } })).toBe(1);
  });

  it("works once when two requests use it at the same instant", async () => {
    const { staffId, token } = await newMember();
    const [a, b] = [await visitor(), await visitor()];

    const results = await Promise.allSettled([
      a.staff.setPassword({ token, password: "first-racing-password", confirm: "first-racing-password" }),
      b.staff.setPassword({ token, password: "second-racing-password", confirm: "second-racing-password" }),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const loser = results.find((r) => r.status === "rejected")!;
    expect(await refusal(Promise.reject(loser.reason))).toEqual({ code: "NOT_FOUND", message: INVALID_LINK_MESSAGE });
    expect(await t.db.auditLog.count({ where: { action: "staff.set_password", entityId: staffId } })).toBe(1);
    const winner = results[0]!.status === "fulfilled" ? "first-racing-password" : "second-racing-password";
    const { passwordHash } = await t.db.staffUser.findUniqueOrThrow({ where: { id: staffId } });
    expect(await verifyPassword(winner, passwordHash)).toBe(true);
  });

  it("refuses a confirmation that differs or a short password on its field, and keeps the link usable", async () => {
    const { token } = await newMember();
    const page = await visitor();

    expect(await fieldRefusal(page.staff.setPassword({ token, password: NEW_PASSWORD, confirm: "something-else-entirely" }))).toEqual({
      code: "BAD_REQUEST",
      fieldMessage: "confirm: The passwords do not match",
    });
    expect(await fieldRefusal(page.staff.setPassword({ token, password: "short", confirm: "short" }))).toEqual({
      code: "BAD_REQUEST",
      fieldMessage: "password: Use at least 12 characters",
    });
    await expect(page.staff.passwordLink({ token })).resolves.toMatchObject({ name: "Link Member" });
  });

  it("setting a password ends the member's earlier sessions", async () => {
    const { staffId, token } = await newMember();
    const before = await sessionFor(t.db, staffId);
    expect(await getActiveActor(t.db, before)).not.toBeNull();

    await (await visitor()).staff.setPassword({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });

    expect(await getActiveActor(t.db, before)).toBeNull();
  });

  it("reset password ends the member's sessions, stops the old password and is audited", async () => {
    const { staffId, token, email } = await newMember();
    await (await visitor()).staff.setPassword({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    const session = await sessionFor(t.db, staffId);

    const caller = await adminCaller();
    const link = await caller.staff.resetPassword({ staffId });

    expect(link.setPasswordUrl).toMatch(new RegExp(`^${appOrigin()}/set-password/[A-Za-z0-9_-]{43}$`));
    expect(await getActiveActor(t.db, session)).toBeNull();
    expect(await signInStaff(t.db, { email, password: NEW_PASSWORD, ip: uniqueIp(), userAgent: "vitest" })).toMatchObject({ ok: false });
    expect(await t.db.auditLog.count({ where: { action: "staff.reset_password", entityId: staffId, actorId: admin.id } })).toBe(1);
  });

  it("a deactivated member's link stops working, and their password cannot be reset until reactivated", async () => {
    const { staffId, token } = await newMember();
    await deactivateStaff(await adminCtx(), { staffId });

    expect(await refusal((await visitor()).staff.passwordLink({ token }))).toEqual({ code: "NOT_FOUND", message: INVALID_LINK_MESSAGE });
    expect(await refusal((await adminCaller()).staff.resetPassword({ staffId }))).toEqual({
      code: "CONFLICT",
      message: "Reactivate this staff member before resetting their password",
    });
  });
});

describe("set-password rate limit", () => {
  it(`answers 429 after ${PASSWORD_LINK_IP_ATTEMPTS} calls from one IP, for both procedures; another IP is unaffected`, async () => {
    const { token } = await newMember();
    const ip = uniqueIp();
    const headers = { "x-forwarded-for": ip };
    const read = (from: Record<string, string>, tokenText: string) =>
      callOverHttp(t.db, null, { path: "staff.passwordLink", type: "query", input: { token: tokenText }, headers: from });

    for (let i = 0; i < PASSWORD_LINK_IP_ATTEMPTS; i++) expect((await read(headers, `guess-${i}`)).status).toBe(404);

    const limited = await read(headers, token);
    expect(limited.status).toBe(429);
    expect(errorOf(limited)?.message).toMatch(/^Too many attempts; try again in 15 minutes\.$/);
    const set = await callOverHttp(t.db, null, {
      path: "staff.setPassword",
      type: "mutation",
      input: { token, password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      headers,
    });
    expect(set.status).toBe(429);
    expect((await read({ "x-forwarded-for": uniqueIp() }, token)).status).toBe(200);
  });
});

describe("staff.list filters", () => {
  it("filters by a name or email fragment (wildcards literal), role and status", async () => {
    const tag = `zq${randomInt(100000, 999999)}`;
    const ctx = await adminCtx();
    const viewer = await addStaffMember(ctx, { name: `Ada ${tag}`, email: uniqueEmail(`${tag}-a`), roleKey: "VIEWER" });
    const agent = await addStaffMember(ctx, { name: `Bob 100%_${tag}`, email: uniqueEmail("b"), roleKey: "SUPPORT_AGENT" });
    await deactivateStaff(ctx, { staffId: agent.staffId });
    const caller = await adminCaller();
    const ids = async (input: Parameters<typeof caller.staff.list>[0]) => (await caller.staff.list(input)).map((s) => s.id).sort();

    expect(await ids({ search: tag.toUpperCase() })).toEqual([viewer.staffId, agent.staffId].sort());
    expect(await ids({ search: `${tag}-a` })).toEqual([viewer.staffId]);
    expect(await ids({ search: `100%_${tag}` })).toEqual([agent.staffId]);
    expect(await ids({ search: `1_0%${tag}` })).toEqual([]);
    expect(await ids({ search: tag, role: "VIEWER" })).toEqual([viewer.staffId]);
    expect(await ids({ search: tag, status: "inactive" })).toEqual([agent.staffId]);
    expect(await ids({ search: tag, status: "active" })).toEqual([viewer.staffId]);
  });
});
