import { describe, expect, it } from "vitest";
import { BUILT_IN_ROLES } from "./built-in-roles";
import { ALL_PERMISSIONS, BUILT_IN_ROLE_KEYS, isPermission } from "./permissions";

// What each role may call is proven over HTTP by server/trpc/permission-matrix.int.test.ts, and
// that the database's built-in rows match BUILT_IN_ROLES by server/modules/roles/built-in-roles.int.test.ts.
describe("the permission table", () => {
  it("knows its own keys and nothing else", () => {
    expect(ALL_PERMISSIONS.every(isPermission)).toBe(true);
    expect(isPermission("credits:mint")).toBe(false);
    expect(isPermission("toString")).toBe(false);
  });

  it("declares every built-in role from permissions in the table", () => {
    expect(Object.keys(BUILT_IN_ROLES)).toEqual([...BUILT_IN_ROLE_KEYS]);
    for (const role of Object.values(BUILT_IN_ROLES)) expect(role.permissions.every(isPermission)).toBe(true);
  });

  it("keeps support agents away from deleting credit, setting balances and managing staff", () => {
    const agent = new Set(BUILT_IN_ROLES.SUPPORT_AGENT.permissions);
    expect(agent.has("credits:issue") && agent.has("refunds:create")).toBe(true);
    for (const denied of ["credits:void", "credits:set_balance", "staff:manage", "approvals:decide"] as const) {
      expect(agent.has(denied)).toBe(false);
    }
  });
});
