/**
 * Every permission the server checks, with what it lets a staff member do. Roles (built-in and
 * custom, in the `role` table) are sets of these keys; the Roles page shows these descriptions.
 */
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
  "approvals:decide": "Approve or reject other staff's requests above their limits",
  "staff:manage": "Add, change and deactivate staff members",
  "roles:manage": "Create, change and delete custom roles",
  "audit:read": "Read the audit log",
  "reports:read": "Read reports and the dashboard's figures across all customers",
  "reports:staff": "Read the staff activity report (credits, refunds and approvals per staff member)",
  "settings:manage": "Change store settings, money limits, credit categories and payment methods",
  "webhooks:manage": "Add, change and delete webhook endpoints, see their deliveries and resend them",
  "apiKeys:manage": "Create and revoke Storefront API keys",
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export const isPermission = (value: string): value is Permission => Object.hasOwn(PERMISSIONS, value);

/** The role keys of the built-in roles, written by migrations (see built-in-roles.ts). */
export const BUILT_IN_ROLE_KEYS = ["ADMIN", "MANAGER", "SUPPORT_AGENT", "VIEWER"] as const;
export type BuiltInRoleKey = (typeof BUILT_IN_ROLE_KEYS)[number];
