"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useActor } from "@/components/providers/actor-context";
import { PendingCountBadge } from "@/components/approvals/pending-count-badge";
import { LinkLabel } from "@/components/navigation-progress";
import { cn } from "@/components/ui/cn";
import { NAV_ITEMS } from "./nav-items";

/** `onNavigate` runs when a link is followed (the phone drawer closes itself with it). */
export function SidebarNav({ onNavigate }: { onNavigate?: () => void } = {}) {
  const pathname = usePathname();
  const { permissions } = useActor();
  const items = NAV_ITEMS.filter((item) => permissions.includes(item.permission));
  const groups = [...new Set(items.map((item) => item.group))];
  return (
    <nav aria-label="Main" className="space-y-4 px-2">
      {groups.map((group) => (
        <div key={group ?? "main"}>
          {group ? <p className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{group}</p> : null}
          <ul className="space-y-0.5">
            {items
              .filter((item) => item.group === group)
              .map((item) => {
                const isActive = pathname === item.href || pathname.startsWith(`${item.href}/`);
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={isActive ? "page" : undefined}
                      onClick={onNavigate}
                      className={cn(
                        "flex items-center rounded-md px-2 py-1.5 text-sm",
                        isActive ? "bg-slate-800 font-medium text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white",
                      )}
                    >
                      <LinkLabel>{item.label}</LinkLabel>
                      {item.badge === "pendingApprovals" ? <PendingCountBadge /> : null}
                    </Link>
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
