// Settings > API keys through the tRPC caller as an admin: the secret is shown once and stored as
// a hash, the list shows what staff need to tell keys apart, revoking is audited and immediate.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callerAs } from "@/tests/factories/staff";
import { callApi } from "@/tests/helpers/storefront-api";
import { refusal } from "@/tests/helpers/trpc-errors";
import { uniqueWord } from "@/tests/factories/customers";

let t: TestDb;
let admin: Awaited<ReturnType<typeof callerAs>>;

beforeAll(async () => {
  t = await openTestDb();
  admin = await callerAs(t.db, "ADMIN");
});
afterAll(() => t.close());

describe("API keys in Settings", () => {
  it("creates a key whose secret is shown once and stored only as its sha256", async () => {
    const name = `Checkout ${uniqueWord()}`;
    const { key, secret } = await admin.caller.apiKeys.create({ name, scopes: ["credits:issue", "customers:read"], expiresAt: null });
    expect(secret).toMatch(/^cd_live_[A-Za-z0-9_-]{32}$/);
    expect(key).toMatchObject({ name, prefix: secret.slice(0, 16), scopes: ["customers:read", "credits:issue"], status: "ACTIVE", lastUsedAt: null, createdBy: { id: admin.staff.id } });

    const [row] = await t.db.$queryRaw<{ secretHash: string; text: string }[]>`SELECT secret_hash AS "secretHash", row_to_json(k)::text AS text FROM api_key k WHERE id = ${key.id}::uuid`;
    expect(row!.secretHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(row!.text).not.toContain(secret);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: key.id, action: "api_key.create" } });
    expect(audit.actorId).toBe(admin.staff.id);
    expect(JSON.stringify(audit)).not.toContain(secret);

    const listed = (await admin.caller.apiKeys.list()).find((k) => k.id === key.id)!;
    expect(listed).toMatchObject({ name, prefix: key.prefix, createdBy: { name: admin.staff.name }, status: "ACTIVE" });
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it("shows when a key was last used", async () => {
    const { key, secret } = await admin.caller.apiKeys.create({ name: `ERP ${uniqueWord()}`, scopes: ["customers:read"], expiresAt: null });
    await callApi(t.db, { path: `/customers/${crypto.randomUUID()}`, key: secret });
    const listed = (await admin.caller.apiKeys.list()).find((k) => k.id === key.id)!;
    expect(listed.lastUsedAt).toBeInstanceOf(Date);
  });

  it("revokes a key at once, audited, and refuses revoking it again", async () => {
    const { key, secret } = await admin.caller.apiKeys.create({ name: `Old shop ${uniqueWord()}`, scopes: ["customers:read"], expiresAt: null });
    const revoked = await admin.caller.apiKeys.revoke({ id: key.id });
    expect(revoked.status).toBe("REVOKED");
    expect((await callApi(t.db, { path: `/customers/${crypto.randomUUID()}`, key: secret })).status).toBe(401);
    expect(await t.db.auditLog.count({ where: { entityId: key.id, action: "api_key.revoke", actorId: admin.staff.id } })).toBe(1);
    expect(await refusal(admin.caller.apiKeys.revoke({ id: key.id }))).toEqual({ code: "CONFLICT", message: "This API key is already revoked" });
    expect(await refusal(admin.caller.apiKeys.revoke({ id: crypto.randomUUID() }))).toEqual({ code: "NOT_FOUND", message: "This API key does not exist" });
  });

  it("lists an expired key as expired", async () => {
    const { key } = await admin.caller.apiKeys.create({ name: `Trial ${uniqueWord()}`, scopes: ["balances:read"], expiresAt: new Date(Date.now() + 60_000) });
    await t.db.$executeRaw`UPDATE api_key SET expires_at = now() - interval '1 minute' WHERE id = ${key.id}::uuid`;
    expect((await admin.caller.apiKeys.list()).find((k) => k.id === key.id)!.status).toBe("EXPIRED");
  });

  it.each([
    [{ name: "", scopes: ["customers:read"] }, "Enter a name"],
    [{ name: "No scopes", scopes: [] }, "Choose at least one scope"],
    [{ name: "Bad scope", scopes: ["staff:manage"] }, "Choose a scope from the list"],
    [{ name: "Past", scopes: ["customers:read"], expiresAt: new Date(Date.now() - 1000) }, "Choose a date in the future"],
  ])("refuses %j", async (input, message) => {
    expect(await refusal(admin.caller.apiKeys.create(input as never))).toEqual({ code: "BAD_REQUEST", message });
  });
});
