import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/server/auth/permissions";
import { appRouter } from "./root";

// Procedures any signed-in staff member may call; everything else must name a permission.
const STAFF_ONLY = new Set(["staff.me"]);

describe("every tRPC procedure declares its permission", () => {
  const procedures = Object.entries(appRouter._def.procedures) as unknown as [string, { _def: { meta?: { permission?: string } } }][];

  it("finds the procedures to check", () => {
    expect(procedures.length).toBeGreaterThan(1);
  });

  it.each(procedures.filter(([path]) => !STAFF_ONLY.has(path)))("%s names a known permission", (_path, procedure) => {
    const permission = procedure._def.meta?.permission;
    expect(permission).toBeDefined();
    expect(Object.keys(PERMISSIONS)).toContain(permission);
  });
});
