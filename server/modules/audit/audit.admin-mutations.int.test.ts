// The admin mutations (settings, roles, staff) the rest of the suite calls rarely or only through
// services: each, called over HTTP, writes its audit row with the action the after-suite coverage
// check expects, by the caller, with the request's IP and user agent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callOverHttp } from "@/tests/helpers/trpc-http";
import { createStaffMember } from "@/tests/factories/staff";
import { uniqueWord } from "@/tests/factories/customers";
import { EXPECTED_AUDIT_ACTIONS } from "@/tests/audit-coverage/expected-actions";

let t: TestDb;
let adminId: string;
const HEADERS = { "x-forwarded-for": "198.51.100.23", "user-agent": `audit-coverage/${uniqueWord()}` };

beforeAll(async () => {
  t = await openTestDb();
  adminId = (await createStaffMember(t.db, "ADMIN")).id;
});
afterAll(() => t.close());

async function mutate<T>(path: string, input: unknown): Promise<T> {
  const answer = await callOverHttp(t.db, adminId, { path, type: "mutation", input, headers: HEADERS });
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  return (answer.body as { result: { data: { json: T } } }).result.data.json;
}

/** The audit rows of one record written by this file's admin from this file's client. */
const auditActionsOf = async (entityId: string) =>
  (
    await t.db.$queryRaw<{ action: string }[]>`
      SELECT action FROM audit_log
      WHERE entity_id = ${entityId} AND actor_id = ${adminId}::uuid AND ip = ${HEADERS["x-forwarded-for"]} AND user_agent = ${HEADERS["user-agent"]}
      ORDER BY created_at, id`
  ).map((row) => row.action);

/** Checks the actions against the coverage check's own table, so the two cannot drift apart. */
const expectAudited = async (entityId: string, paths: string[]) => {
  const actions = await auditActionsOf(entityId);
  expect(actions).toHaveLength(paths.length);
  paths.forEach((path, i) => expect(EXPECTED_AUDIT_ACTIONS[path]).toContain(actions[i]));
};

describe("admin mutations over HTTP are audited with their request", () => {
  it.each([
    ["categories", "settings.categories"],
    ["reasons", "settings.reasons"],
    ["infrastructures", "settings.infrastructures"],
  ])("settings %s: create, rename, deactivate", async (_list, prefix) => {
    const { id } = await mutate<{ id: string }>(`${prefix}.create`, { name: `Audit ${uniqueWord()}` });
    await mutate(`${prefix}.rename`, { id, name: `Audit ${uniqueWord()}` });
    await mutate(`${prefix}.setActive`, { id, isActive: false });
    await expectAudited(id, [`${prefix}.create`, `${prefix}.rename`, `${prefix}.setActive`]);
  });

  it("settings payment methods: create, rename, deactivate", async () => {
    const infrastructure = await mutate<{ id: string }>("settings.infrastructures.create", { name: `Audit ${uniqueWord()}` });
    const { id } = await mutate<{ id: string }>("settings.methods.create", { infrastructureId: infrastructure.id, name: `Audit ${uniqueWord()}` });
    await mutate("settings.methods.rename", { id, name: `Audit ${uniqueWord()}` });
    await mutate("settings.methods.setActive", { id, isActive: false });
    await expectAudited(id, ["settings.methods.create", "settings.methods.rename", "settings.methods.setActive"]);
  });

  it("settings currencies: add, disable", async () => {
    await mutate("settings.currencies.add", { code: "NOK" });
    await mutate("settings.currencies.setEnabled", { code: "NOK", isEnabled: false });
    await expectAudited("NOK", ["settings.currencies.add", "settings.currencies.setEnabled"]);
  });

  it("roles: create, update, delete", async () => {
    const { key } = await mutate<{ key: string }>("roles.create", { name: `Audit ${uniqueWord()}`, permissions: ["customers:read"] });
    await mutate("roles.update", { key, name: `Audit ${uniqueWord()}`, permissions: ["customers:read", "credits:read"] });
    await mutate("roles.delete", { key });
    await expectAudited(key, ["roles.create", "roles.update", "roles.delete"]);
  });

  it("staff: change role, deactivate, reactivate", async () => {
    const member = await createStaffMember(t.db, "SUPPORT_AGENT");
    await mutate("staff.changeRole", { staffId: member.id, role: "VIEWER" });
    await mutate("staff.deactivate", { staffId: member.id });
    await mutate("staff.reactivate", { staffId: member.id });
    await expectAudited(member.id, ["staff.changeRole", "staff.deactivate", "staff.reactivate"]);
  });
});
