import type { Permission } from "@/server/auth/permissions";

/** `badge` names a count shown beside the label (see sidebar-nav.tsx). */
export type NavItem = { href: string; label: string; permission: Permission; group?: string; badge?: "pendingApprovals" };

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Dashboard", permission: "reports:read" },
  { href: "/customers", label: "Customers", permission: "customers:read" },
  { href: "/refunds", label: "Refunds", permission: "refunds:read" },
  { href: "/reports", label: "Reports", permission: "reports:read" },
  { href: "/approvals", label: "Approvals", permission: "approvals:decide", badge: "pendingApprovals" },
  // customers:read is in every built-in role; a custom role without it has no money actions to request.
  { href: "/my-requests", label: "My requests", permission: "customers:read" },
  { href: "/staff", label: "Staff", permission: "staff:manage" },
  { href: "/roles", label: "Roles", permission: "roles:manage" },
  { href: "/audit-log", label: "Audit log", permission: "audit:read" },
  { href: "/settings", label: "Settings", permission: "settings:manage" },
  { href: "/settings/webhooks", label: "Webhooks", permission: "webhooks:manage" },
  { href: "/credits/send", label: "Send credits", permission: "credits:issue", group: "User actions" },
  { href: "/credits/bulk", label: "Bulk credit", permission: "credits:issue", group: "User actions" },
];
