import type { Permission } from "@/server/auth/permissions";

export type NavItem = { href: string; label: string; permission: Permission; group?: string };

export const NAV_ITEMS: NavItem[] = [
  { href: "/customers", label: "Customers", permission: "customers:read" },
  { href: "/refunds", label: "Refunds", permission: "refunds:read" },
  { href: "/staff", label: "Staff", permission: "staff:manage" },
  { href: "/roles", label: "Roles", permission: "roles:manage" },
  { href: "/audit-log", label: "Audit log", permission: "audit:read" },
  { href: "/settings", label: "Settings", permission: "settings:manage" },
  { href: "/credits/send", label: "Send credits", permission: "credits:issue", group: "User actions" },
];
