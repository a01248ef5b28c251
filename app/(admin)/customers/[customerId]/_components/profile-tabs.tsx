"use client";
import { useEffect, useRef } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { LinkLabel } from "@/components/navigation-progress";
import { useCan } from "@/components/providers/actor-context";
import { cn } from "@/components/ui/cn";
import type { Permission } from "@/server/auth/permissions";

const TABS: { segment: string; label: string; also?: string; permission?: Permission }[] = [
  { segment: "", label: "Overview" },
  // A single credit's page (/credits/<id>) belongs to the Store credits tab.
  { segment: "/store-credits", label: "Store credits", also: "/credits/" },
  { segment: "/credit-history", label: "Credit history" },
  { segment: "/payments", label: "Payments" },
  { segment: "/notifications", label: "Notifications" },
  { segment: "/activity", label: "Activity", permission: "audit:read" },
];

/** Each tab is its own URL, so a tab can be linked to and survives reload. */
export function ProfileTabs({ customerId }: { customerId: string }) {
  const pathname = usePathname();
  const canReadAudit = useCan("audit:read");
  const base = `/customers/${customerId}`;
  const navRef = useRef<HTMLElement>(null);
  // On a phone the tabs scroll sideways: keep the current one in view.
  useEffect(() => {
    const nav = navRef.current;
    const active = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !active || nav.scrollWidth <= nav.clientWidth) return;
    nav.scrollLeft = active.offsetLeft - (nav.clientWidth - active.offsetWidth) / 2;
  }, [pathname]);
  return (
    <nav ref={navRef} aria-label="Customer sections" className="relative flex gap-1 overflow-x-auto border-b border-slate-200">
      {TABS.filter((tab) => tab.permission !== "audit:read" || canReadAudit).map((tab) => {
        const href = `${base}${tab.segment}`;
        const isActive =
          tab.segment === "" ? pathname === base : pathname.startsWith(href) || (!!tab.also && pathname.startsWith(`${base}${tab.also}`));
        return (
          <Link
            key={tab.label}
            href={href}
            aria-current={isActive ? "page" : undefined}
            className={cn(
              "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm whitespace-nowrap",
              isActive ? "border-blue-600 font-medium text-blue-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            <LinkLabel>{tab.label}</LinkLabel>
          </Link>
        );
      })}
    </nav>
  );
}
