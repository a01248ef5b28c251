import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_ROLES } from "@/server/auth/built-in-roles";
import { ALL_PERMISSIONS } from "@/server/auth/permissions";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

describe("built-in roles", () => {
  it("are in the database exactly as BUILT_IN_ROLES declares them, and ADMIN holds every permission", async () => {
    const rows = await t.db.role.findMany({ where: { isBuiltIn: true }, orderBy: { key: "asc" } });
    expect(Object.fromEntries(rows.map((r) => [r.key, { name: r.name, permissions: [...r.permissions].sort() }]))).toEqual(
      Object.fromEntries(
        Object.entries(BUILT_IN_ROLES)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, role]) => [key, { name: role.name, permissions: [...role.permissions].sort() }]),
      ),
    );
    expect([...rows.find((r) => r.key === "ADMIN")!.permissions].sort()).toEqual([...ALL_PERMISSIONS].sort());
  });

  it("cannot be changed or deleted, even by SQL", async () => {
    await expect(t.db.$executeRaw`UPDATE role SET permissions = '{}' WHERE key = 'VIEWER'`).rejects.toThrow(/built-in role VIEWER/);
    await expect(t.db.$executeRaw`DELETE FROM role WHERE key = 'SUPPORT_AGENT'`).rejects.toThrow(/built-in role SUPPORT_AGENT/);
  });
});
