"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCan } from "@/components/providers/actor-context";
import { cn } from "@/components/ui/cn";
import type { Permission } from "@/server/auth/permissions";

const TABS: { href: string; label: string; permission: Permission }[] = [
  { href: "/reports/liability", label: "Store-credit liability", permission: "reports:read" },
  { href: "/reports/refunds", label: "Refunds", permission: "reports:read" },
  { href: "/reports/earnings", label: "Send credits earnings", permission: "reports:read" },
  { href: "/reports/staff", label: "Staff activity", permission: "reports:staff" },
];

export function ReportTabs() {
  const pathname = usePathname();
  const canReadStaff = useCan("reports:staff");
  return (
    <nav aria-label="Reports" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200 print:hidden">
      {TABS.filter((tab) => tab.permission !== "reports:staff" || canReadStaff).map((tab) => {
        const isActive = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={isActive ? "page" : undefined}
            className={cn("-mb-px border-b-2 px-3 py-2 text-sm", isActive ? "border-blue-600 font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900")}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
