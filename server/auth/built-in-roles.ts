import type { BuiltInRoleKey, Permission } from "./permissions";

const READ_ONLY: Permission[] = ["customers:read", "credits:read", "payments:read", "refunds:read", "notifications:read"];
const MONEY: Permission[] = ["credits:issue", "credits:edit", "credits:void", "credits:set_balance", "refunds:create"];

/**
 * What the migrations wrote for the built-in roles. The server reads roles from the database;
 * this copy exists so a test can prove the rows still match it (a migration that changes a
 * built-in role changes both).
 */
export const BUILT_IN_ROLES: Record<BuiltInRoleKey, { name: string; permissions: Permission[] }> = {
  ADMIN: {
    name: "Admin",
    permissions: [...READ_ONLY, ...MONEY, "approvals:decide", "staff:manage", "roles:manage", "audit:read", "settings:manage", "webhooks:manage", "apiKeys:manage", "reports:read", "reports:staff"],
  },
  MANAGER: { name: "Manager", permissions: [...READ_ONLY, ...MONEY, "approvals:decide", "audit:read", "reports:read", "reports:staff"] },
  SUPPORT_AGENT: { name: "Support agent", permissions: [...READ_ONLY, "credits:issue", "credits:edit", "refunds:create"] },
  VIEWER: { name: "Viewer", permissions: [...READ_ONLY, "audit:read", "reports:read"] },
};
