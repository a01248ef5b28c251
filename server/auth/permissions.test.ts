import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLE_PERMISSIONS, type Permission } from "./permissions";

describe("role → permission table", () => {
  it("gives admins every permission", () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) expect(can("ADMIN", permission)).toBe(true);
  });

  it("lets support agents add credit and refund, but not delete credit, set balances or manage staff", () => {
    expect(can("SUPPORT_AGENT", "credits:issue")).toBe(true);
    expect(can("SUPPORT_AGENT", "refunds:create")).toBe(true);
    expect(can("SUPPORT_AGENT", "credits:void")).toBe(false);
    expect(can("SUPPORT_AGENT", "credits:set_balance")).toBe(false);
    expect(can("SUPPORT_AGENT", "staff:manage")).toBe(false);
  });

  it("gives viewers only read permissions", () => {
    const viewer = [...ROLE_PERMISSIONS.VIEWER];
    expect(viewer.length).toBeGreaterThan(0);
    expect(viewer.every((permission) => permission.endsWith(":read"))).toBe(true);
  });
});
