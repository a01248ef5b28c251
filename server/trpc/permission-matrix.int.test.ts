// Who may call what, proven over HTTP: every procedure of the appRouter, called as every role and
// signed out, against this table. The table is written out here on purpose (not derived from
// the role rows), so a wrong grant in the role table, a procedure without a permission or with
// the wrong one, and a procedure added without a row all fail this test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { callOverHttp } from "@/tests/helpers/trpc-http";
import { createStaffMember } from "@/tests/factories/staff";
import { appRouter } from "./root";

const A = "ADMIN";
const M = "MANAGER";
const S = "SUPPORT_AGENT";
const V = "VIEWER";
/** A custom role, made the way an admin makes one: "Refunds only". */
const R = "REFUNDS_ONLY";
const CUSTOM_ROLE = { name: "Refunds only", permissions: ["customers:read", "credits:read", "payments:read", "refunds:read", "refunds:create"] };
type RoleName = typeof A | typeof M | typeof S | typeof V | typeof R;

/**
 * procedure → the permission it checks (null: any signed-in staff member) and the roles that hold
 * it; `isPublic` marks the few a signed-out visitor may call too (the set-password page's).
 */
const EXPECTED: Record<string, { permission: string | null; roles: RoleName[]; isPublic?: true }> = {
  "apiKeys.list": { permission: "apiKeys:manage", roles: [A] },
  "apiKeys.create": { permission: "apiKeys:manage", roles: [A] },
  "apiKeys.revoke": { permission: "apiKeys:manage", roles: [A] },
  "approvals.list": { permission: "approvals:decide", roles: [A, M] },
  "approvals.pendingCount": { permission: "approvals:decide", roles: [A, M] },
  "approvals.approve": { permission: "approvals:decide", roles: [A, M] },
  "approvals.reject": { permission: "approvals:decide", roles: [A, M] },
  "approvals.mine": { permission: null, roles: [A, M, S, V, R] },
  "approvals.forCustomer": { permission: "customers:read", roles: [A, M, S, V, R] },
  "audit.list": { permission: "audit:read", roles: [A, M, V] },
  "audit.csv": { permission: "audit:read", roles: [A, M, V] },
  "audit.get": { permission: "audit:read", roles: [A, M, V] },
  "audit.filterOptions": { permission: "audit:read", roles: [A, M, V] },
  "bulkCredits.createDraft": { permission: "credits:issue", roles: [A, M, S] },
  "bulkCredits.addRows": { permission: "credits:issue", roles: [A, M, S] },
  "bulkCredits.finishUpload": { permission: "credits:issue", roles: [A, M, S] },
  "bulkCredits.start": { permission: "credits:issue", roles: [A, M, S] },
  "bulkCredits.cancel": { permission: "credits:issue", roles: [A, M, S] },
  "bulkCredits.get": { permission: "credits:read", roles: [A, M, S, V, R] },
  "bulkCredits.rows": { permission: "credits:read", roles: [A, M, S, V, R] },
  "bulkCredits.list": { permission: "credits:read", roles: [A, M, S, V, R] },
  "bulkCredits.ofCredit": { permission: "credits:read", roles: [A, M, S, V, R] },
  "credits.issue": { permission: "credits:issue", roles: [A, M, S] },
  "credits.send": { permission: "credits:issue", roles: [A, M, S] },
  "credits.update": { permission: "credits:edit", roles: [A, M, S] },
  "credits.void": { permission: "credits:void", roles: [A, M] },
  "credits.setBalance": { permission: "credits:set_balance", roles: [A, M] },
  "credits.setBalancePreview": { permission: "credits:set_balance", roles: [A, M] },
  "credits.get": { permission: "credits:read", roles: [A, M, S, V, R] },
  "credits.list": { permission: "credits:read", roles: [A, M, S, V, R] },
  "credits.history": { permission: "credits:read", roles: [A, M, S, V, R] },
  "credits.balanceHistory": { permission: "credits:read", roles: [A, M, S, V, R] },
  "credits.historyCsv": { permission: "credits:read", roles: [A, M, S, V, R] },
  "customers.search": { permission: "customers:read", roles: [A, M, S, V, R] },
  "customers.get": { permission: "customers:read", roles: [A, M, S, V, R] },
  "customers.summary": { permission: "customers:read", roles: [A, M, S, V, R] },
  "holds.list": { permission: "credits:read", roles: [A, M, S, V, R] },
  "limits.list": { permission: "settings:manage", roles: [A] },
  "limits.set": { permission: "settings:manage", roles: [A] },
  "limits.clear": { permission: "settings:manage", roles: [A] },
  "limits.mine": { permission: null, roles: [A, M, S, V, R] },
  "notifications.list": { permission: "notifications:read", roles: [A, M, S, V] },
  "payments.list": { permission: "payments:read", roles: [A, M, S, V, R] },
  "refunds.create": { permission: "refunds:create", roles: [A, M, S, R] },
  "refunds.get": { permission: "refunds:read", roles: [A, M, S, V, R] },
  "refunds.list": { permission: "refunds:read", roles: [A, M, S, V, R] },
  "refunds.csv": { permission: "refunds:read", roles: [A, M, S, V, R] },
  "refunds.filterOptions": { permission: "refunds:read", roles: [A, M, S, V, R] },
  "reports.dashboard": { permission: "reports:read", roles: [A, M, V] },
  "reports.liability": { permission: "reports:read", roles: [A, M, V] },
  "reports.liabilityCsv": { permission: "reports:read", roles: [A, M, V] },
  "reports.aging": { permission: "reports:read", roles: [A, M, V] },
  "reports.refunds": { permission: "reports:read", roles: [A, M, V] },
  "reports.refundsCsv": { permission: "reports:read", roles: [A, M, V] },
  "reports.earnings": { permission: "reports:read", roles: [A, M, V] },
  "reports.earningsCsv": { permission: "reports:read", roles: [A, M, V] },
  "reports.staffActivity": { permission: "reports:staff", roles: [A, M] },
  "reports.staffActivityCsv": { permission: "reports:staff", roles: [A, M] },
  "roles.list": { permission: "roles:manage", roles: [A] },
  "roles.permissionOptions": { permission: "roles:manage", roles: [A] },
  "roles.create": { permission: "roles:manage", roles: [A] },
  "roles.update": { permission: "roles:manage", roles: [A] },
  "roles.delete": { permission: "roles:manage", roles: [A] },
  "settings.options": { permission: "credits:read", roles: [A, M, S, V, R] },
  "settings.list": { permission: "settings:manage", roles: [A] },
  "settings.store": { permission: null, roles: [A, M, S, V, R] },
  "settings.setDateStyle": { permission: "settings:manage", roles: [A] },
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
  "settings.expiryReminders": { permission: "settings:manage", roles: [A] },
  "settings.setExpiryReminders": { permission: "settings:manage", roles: [A] },
  "webhooks.list": { permission: "webhooks:manage", roles: [A] },
  "webhooks.get": { permission: "webhooks:manage", roles: [A] },
  "webhooks.create": { permission: "webhooks:manage", roles: [A] },
  "webhooks.update": { permission: "webhooks:manage", roles: [A] },
  "webhooks.delete": { permission: "webhooks:manage", roles: [A] },
  "webhooks.deliveries": { permission: "webhooks:manage", roles: [A] },
  "webhooks.resend": { permission: "webhooks:manage", roles: [A] },
  "staff.me": { permission: null, roles: [A, M, S, V, R] },
  "staff.list": { permission: "staff:manage", roles: [A] },
  "staff.roleOptions": { permission: "staff:manage", roles: [A] },
  "staff.create": { permission: "staff:manage", roles: [A] },
  "staff.resetPassword": { permission: "staff:manage", roles: [A] },
  "staff.passwordLink": { permission: null, roles: [A, M, S, V, R], isPublic: true },
  "staff.setPassword": { permission: null, roles: [A, M, S, V, R], isPublic: true },
  "staff.changeRole": { permission: "staff:manage", roles: [A] },
  "staff.deactivate": { permission: "staff:manage", roles: [A] },
  "staff.reactivate": { permission: "staff:manage", roles: [A] },
};

type Procedure = { _def: { type: "query" | "mutation" | "subscription"; meta?: { permission?: string; isPublic?: true } } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>).sort(([a], [b]) => a.localeCompare(b));

const ROLES: RoleName[] = [A, M, S, V, R];
let t: TestDb;
const staffIds = {} as Record<RoleName, string>;

beforeAll(async () => {
  t = await openTestDb();
  const custom = await t.db.role.create({ data: { key: crypto.randomUUID(), ...CUSTOM_ROLE } });
  for (const role of ROLES) staffIds[role] = (await createStaffMember(t.db, role === R ? custom.key : role)).id;
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
    expect(procedure._def.meta?.isPublic ?? false).toBe(EXPECTED[path]?.isPublic ?? false);
  });

  it.each(procedures)("%s answers each role and a signed-out caller as its row says, over HTTP", async (path, procedure) => {
    const type = procedure._def.type === "mutation" ? "mutation" : "query";
    // An empty input: enough to pass or fail the permission check, which runs before validation.
    const call = (staffId: string | null) => callOverHttp(t.db, staffId, { path, type, input: {} });
    const actual: Record<string, string> = { signedOut: verdictOf((await call(null)).status) };
    for (const role of ROLES) actual[role] = verdictOf((await call(staffIds[role])).status);

    const row = EXPECTED[path]!;
    const expected: Record<string, string> = { signedOut: row.isPublic ? "allowed" : "signed out" };
    for (const role of ROLES) expected[role] = row.roles.includes(role) ? "allowed" : "denied";
    expect(actual).toEqual(expected);
  });
});
