import type { StaffRole } from "@/prisma/generated/enums";

/** Every permission the server checks, with what it lets a staff member do. */
export const PERMISSIONS = {
  "customers:read": "Find customers and open their profiles",
  "credits:read": "Read store credits and the credit history",
  "credits:issue": "Add store credit and send credits",
  "credits:edit": "Edit a store credit's memo, category, expiry or amount",
  "credits:void": "Delete the unused balance of a store credit",
  "credits:set_balance": "Set a customer's balance in one step",
  "payments:read": "Read a customer's payments",
  "refunds:read": "Read refunds",
  "refunds:create": "Refund a payment",
  "notifications:read": "Read messages sent to customers",
  "staff:manage": "Add, change and deactivate staff members",
  "audit:read": "Read the audit log",
  "settings:manage": "Change store settings, credit categories and payment methods",
} as const;

export type Permission = keyof typeof PERMISSIONS;

const READ_ONLY: Permission[] = [
  "customers:read",
  "credits:read",
  "payments:read",
  "refunds:read",
  "notifications:read",
];

/** The one role → permission table. The UI reads it to hide actions; the server enforces it. */
export const ROLE_PERMISSIONS: Record<StaffRole, ReadonlySet<Permission>> = {
  ADMIN: new Set(Object.keys(PERMISSIONS) as Permission[]),
  SUPPORT_AGENT: new Set<Permission>([...READ_ONLY, "credits:issue", "credits:edit", "refunds:create"]),
  VIEWER: new Set<Permission>(READ_ONLY),
};

export const ROLE_LABELS: Record<StaffRole, string> = {
  ADMIN: "Admin",
  SUPPORT_AGENT: "Support agent",
  VIEWER: "Viewer",
};

export function can(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export function permissionsOf(role: StaffRole): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}
