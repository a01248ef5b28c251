// What every audit row must be: written with the request it came from, and never changed after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callOverHttp } from "@/tests/helpers/trpc-http";
import { createStaffMember } from "@/tests/factories/staff";
import { createCustomer, uniqueWord } from "@/tests/factories/customers";
import { issueTestCredit, newKey, serviceContextAs } from "@/tests/factories/credits";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";

let t: TestDb;
let adminId: string;

beforeAll(async () => {
  t = await openTestDb();
  adminId = (await createStaffMember(t.db, "ADMIN")).id;
});
afterAll(() => t.close());

const auditRowsFor = (entityId: string) =>
  t.db.$queryRaw<{ action: string; actorId: string; actorRole: string; ip: string | null; userAgent: string | null }[]>`
    SELECT action, actor_id AS "actorId", actor_role AS "actorRole", ip, user_agent AS "userAgent" FROM audit_log WHERE entity_id = ${entityId}`;

describe("audit rows record where the request came from", () => {
  it("stores the caller's IP (the proxy's last X-Forwarded-For hop) and user agent for a mutation over HTTP", async () => {
    const customer = await createCustomer(t.db);
    const headers = { "x-forwarded-for": "198.51.100.7, 203.0.113.42", "user-agent": "Mozilla/5.0 (audit test) Firefox/140.0" };
    const answer = await callOverHttp(t.db, adminId, {
      path: "credits.issue",
      type: "mutation",
      headers,
      input: { idempotencyKey: newKey(), customerId: customer.id, amount: "12.00", currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill },
    });
    expect(answer.status).toBe(200);
    const { creditId } = (answer.body as { result: { data: { json: { creditId: string } } } }).result.data.json;
    expect(await auditRowsFor(creditId)).toEqual([
      { action: "credit.issue", actorId: adminId, actorRole: "ADMIN", ip: "203.0.113.42", userAgent: "Mozilla/5.0 (audit test) Firefox/140.0" },
    ]);
  });

  it("does so for a settings change too, through the same request context", async () => {
    const name = `Audit ${uniqueWord()}`;
    const answer = await callOverHttp(t.db, adminId, {
      path: "settings.categories.create",
      type: "mutation",
      headers: { "x-forwarded-for": "192.0.2.15", "user-agent": "curl/8.5.0" },
      input: { name },
    });
    expect(answer.status).toBe(200);
    const [row] = await t.db.$queryRaw<{ ip: string; userAgent: string }[]>`
      SELECT ip, user_agent AS "userAgent" FROM audit_log WHERE action = 'settings.category.create' AND after->>'name' = ${name}`;
    expect(row).toEqual({ ip: "192.0.2.15", userAgent: "curl/8.5.0" });
  });
});

describe("audit rows are append-only in the database", () => {
  it("refuses UPDATE, DELETE and TRUNCATE, and the row stays as written", async () => {
    const admin = await serviceContextAs(t.db, "ADMIN");
    const credit = await issueTestCredit(admin, (await createCustomer(t.db)).id, { amount: "2.00" });
    const before = await auditRowsFor(credit.creditId);
    expect(before).toHaveLength(1);

    await expect(t.db.$executeRaw`UPDATE audit_log SET reason = 'covered up' WHERE entity_id = ${credit.creditId}`).rejects.toThrow(
      /audit_log is append-only: UPDATE is not allowed/,
    );
    await expect(t.db.$executeRaw`UPDATE audit_log SET area = 'x' WHERE entity_id = ${credit.creditId}`).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRaw`DELETE FROM audit_log WHERE entity_id = ${credit.creditId}`).rejects.toThrow(
      /audit_log is append-only: DELETE is not allowed/,
    );
    await expect(t.db.$executeRawUnsafe("TRUNCATE audit_log")).rejects.toThrow(/audit_log is append-only: TRUNCATE is not allowed/);
    expect(await auditRowsFor(credit.creditId)).toEqual(before);
    const [reason] = await t.db.$queryRaw<{ reason: string | null }[]>`SELECT reason FROM audit_log WHERE entity_id = ${credit.creditId}`;
    expect(reason?.reason).toBeNull();
  });

  it("derives the area from the action whatever the writer supplies", async () => {
    const entityId = crypto.randomUUID();
    await t.db.$executeRaw`INSERT INTO audit_log (id, action, area, entity_type, entity_id, details)
      VALUES (gen_random_uuid(), 'settings.method.rename', 'credit', 'payment_method', ${entityId}, '{}')`;
    const [row] = await t.db.$queryRaw<{ area: string }[]>`SELECT area FROM audit_log WHERE entity_id = ${entityId}`;
    expect(row?.area).toBe("settings");
  });
});
