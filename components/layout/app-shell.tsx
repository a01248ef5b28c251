import type { ReactNode } from "react";
import Link from "next/link";
import { SidebarNav } from "./sidebar-nav";
import { TopBar } from "./top-bar";

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-52 shrink-0 bg-slate-900 py-3 lg:block">
        <Link href="/customers" className="mb-4 block px-4 text-base font-semibold text-white">
          Creditdesk
        </Link>
        <SidebarNav />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar />
        <main className="min-w-0 flex-1 p-3 sm:p-5">{children}</main>
      </div>
    </div>
  );
}
