import type { Permission } from "@/server/auth/permissions";
import { NAV_ITEMS } from "@/components/layout/nav-items";

export type PaletteItem = { id: string; label: string; hint: string; href: string };

const EXTRA: { href: string; label: string; permission: Permission }[] = [
  { href: "/reports/liability", label: "Store-credit liability report", permission: "reports:read" },
  { href: "/reports/refunds", label: "Refunds report", permission: "reports:read" },
  { href: "/reports/earnings", label: "Send credits earnings report", permission: "reports:read" },
  { href: "/reports/staff", label: "Staff activity report", permission: "reports:staff" },
];

/** The pages and actions the role may open whose label contains every typed word. */
export function pageItems(permissions: readonly Permission[], query: string): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return [...NAV_ITEMS.map((item) => ({ ...item, isAction: item.group === "User actions" })), ...EXTRA.map((item) => ({ ...item, isAction: false }))]
    .filter((item) => permissions.includes(item.permission))
    .filter((item) => words.every((word) => item.label.toLowerCase().includes(word)))
    .map((item) => ({ id: `page:${item.href}`, label: item.label, hint: item.isAction ? "Action" : "Page", href: item.href }));
}
