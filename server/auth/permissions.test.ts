import { describe, expect, it } from "vitest";
import { can, ROLE_PERMISSIONS } from "./permissions";

// What each role may call is proven over HTTP by server/trpc/permission-matrix.int.test.ts.
describe("role → permission table", () => {
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
