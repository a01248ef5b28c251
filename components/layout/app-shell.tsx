import type { ReactNode } from "react";
import Link from "next/link";
import { NavigationProgress } from "@/components/navigation-progress";
import { MAIN_CONTENT_ID } from "./main-content";
import { SidebarNav } from "./sidebar-nav";
import { TopBar } from "./top-bar";

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <NavigationProgress />
      {/* The first Tab stop: past the sidebar and top bar straight to the page (main takes focus). */}
      <a
        href={`#${MAIN_CONTENT_ID}`}
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-blue-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:outline-2 focus:outline-blue-600"
      >
        Skip to content
      </a>
      <aside className="hidden w-52 shrink-0 bg-slate-900 py-3 lg:block print:hidden">
        <Link href="/" className="mb-4 block px-4 text-base font-semibold text-white">
          Creditdesk
        </Link>
        <SidebarNav />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar />
        <main id={MAIN_CONTENT_ID} tabIndex={-1} className="min-w-0 flex-1 p-3 focus:outline-none sm:p-5">
          {children}
        </main>
      </div>
    </div>
  );
}
