// Who may call what, proven over HTTP: every procedure of the appRouter, called as every role and
// signed out, against this table. The table is written out here on purpose (not derived from
// ROLE_PERMISSIONS), so a wrong grant in the role table, a procedure without a permission or with
// the wrong one, and a procedure added without a row all fail this test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffRole } from "@/prisma/generated/enums";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callOverHttp } from "@/tests/helpers/trpc-http";
import { createStaffMember } from "@/tests/factories/staff";
import { appRouter } from "./root";

const A = "ADMIN";
const S = "SUPPORT_AGENT";
const V = "VIEWER";

/** procedure → the permission it checks (null: any signed-in staff member) and the roles that hold it. */
const EXPECTED: Record<string, { permission: string | null; roles: StaffRole[] }> = {
  "credits.issue": { permission: "credits:issue", roles: [A, S] },
  "credits.send": { permission: "credits:issue", roles: [A, S] },
  "credits.update": { permission: "credits:edit", roles: [A, S] },
  "credits.void": { permission: "credits:void", roles: [A] },
  "credits.setBalance": { permission: "credits:set_balance", roles: [A] },
  "credits.get": { permission: "credits:read", roles: [A, S, V] },
  "credits.list": { permission: "credits:read", roles: [A, S, V] },
  "credits.history": { permission: "credits:read", roles: [A, S, V] },
  "credits.historyCsv": { permission: "credits:read", roles: [A, S, V] },
  "customers.search": { permission: "customers:read", roles: [A, S, V] },
  "customers.get": { permission: "customers:read", roles: [A, S, V] },
  "customers.summary": { permission: "customers:read", roles: [A, S, V] },
  "notifications.list": { permission: "notifications:read", roles: [A, S, V] },
  "payments.list": { permission: "payments:read", roles: [A, S, V] },
  "refunds.create": { permission: "refunds:create", roles: [A, S] },
  "refunds.get": { permission: "refunds:read", roles: [A, S, V] },
  "refunds.list": { permission: "refunds:read", roles: [A, S, V] },
  "refunds.csv": { permission: "refunds:read", roles: [A, S, V] },
  "refunds.filterOptions": { permission: "refunds:read", roles: [A, S, V] },
  "settings.options": { permission: "credits:read", roles: [A, S, V] },
  "settings.list": { permission: "settings:manage", roles: [A] },
  "settings.categories.create": { permission: "settings:manage", roles: [A] },
  "settings.categories.rename": { permission: "settings:manage", roles: [A] },
  "settings.categories.setActive": { permission: "settings:manage", roles: [A] },
  "settings.reasons.create": { permission: "settings:manage", roles: [A] },
  "settings.reasons.rename": { permission: "settings:manage", roles: [A] },
  "settings.reasons.setActive": { permission: "settings:manage", roles: [A] },
  "settings.infrastructures.create": { permission: "settings:manage", roles: [A] },
  "settings.infrastructures.rename": { permission: "settings:manage", roles: [A] },
  "settings.infrastructures.setActive": { permission: "settings:manage", roles: [A] },
  "settings.methods.create": { permission: "settings:manage", roles: [A] },
  "settings.methods.rename": { permission: "settings:manage", roles: [A] },
  "settings.methods.setActive": { permission: "settings:manage", roles: [A] },
  "settings.currencies.add": { permission: "settings:manage", roles: [A] },
  "settings.currencies.setEnabled": { permission: "settings:manage", roles: [A] },
  "staff.me": { permission: null, roles: [A, S, V] },
  "staff.list": { permission: "staff:manage", roles: [A] },
};

type Procedure = { _def: { type: "query" | "mutation" | "subscription"; meta?: { permission?: string } } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>).sort(([a], [b]) => a.localeCompare(b));

const ROLES: StaffRole[] = [A, S, V];
let t: TestDb;
const staffIds = {} as Record<StaffRole, string>;

beforeAll(async () => {
  t = await openTestDb();
  for (const role of ROLES) staffIds[role] = (await createStaffMember(t.db, role)).id;
});
afterAll(() => t.close());

/** "allowed" for any answer the permission check let through (a 400 from the dummy input included). */
function verdictOf(status: number): string {
  if (status === 401) return "signed out";
  if (status === 403) return "denied";
  return status < 500 ? "allowed" : `server error ${status}`;
}

describe("the permission matrix", () => {
  it("has one row for every procedure of the router, and no row for a procedure that is gone", () => {
    expect(procedures.map(([path]) => path)).toEqual(Object.keys(EXPECTED).sort((a, b) => a.localeCompare(b)));
  });

  it.each(procedures)("%s checks the permission in its row", (path, procedure) => {
    expect(procedure._def.meta?.permission ?? null).toBe(EXPECTED[path]?.permission);
  });

  it.each(procedures)("%s answers each role and a signed-out caller as its row says, over HTTP", async (path, procedure) => {
    const type = procedure._def.type === "mutation" ? "mutation" : "query";
    // An empty input: enough to pass or fail the permission check, which runs before validation.
    const call = (staffId: string | null) => callOverHttp(t.db, staffId, { path, type, input: {} });
    const actual: Record<string, string> = { signedOut: verdictOf((await call(null)).status) };
    for (const role of ROLES) actual[role] = verdictOf((await call(staffIds[role])).status);

    const row = EXPECTED[path]!;
    const expected: Record<string, string> = { signedOut: "signed out" };
    for (const role of ROLES) expected[role] = row.roles.includes(role) ? "allowed" : "denied";
    expect(actual).toEqual(expected);
  });
});
