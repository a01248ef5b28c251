"use client";
import { useState } from "react";
import Link from "next/link";
import { Dialog as RadixDialog } from "radix-ui";
import { Menu, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { SidebarNav } from "./sidebar-nav";

/**
 * Below `lg` the sidebar is hidden (app-shell.tsx) and this "Menu" button opens the same links in a
 * left-hand drawer: a modal dialog, so focus moves into it and Escape or "Close menu" closes it;
 * following a link closes it too.
 */
export function MobileNav() {
  const [open, setOpen] = useState(false);
  return (
    <RadixDialog.Root open={open} onOpenChange={setOpen}>
      <RadixDialog.Trigger asChild>
        <Button variant="secondary" size="sm" className="lg:hidden">
          <Menu aria-hidden="true" className="h-3.5 w-3.5" />
          Menu
        </Button>
      </RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 lg:hidden" />
        <RadixDialog.Content aria-describedby={undefined} className="fixed inset-y-0 left-0 z-50 w-64 max-w-[85vw] overflow-y-auto bg-slate-900 py-3 shadow-lg focus:outline-none lg:hidden">
          <div className="mb-4 flex items-center justify-between gap-2 px-4">
            <RadixDialog.Title className="sr-only">Menu</RadixDialog.Title>
            <Link href="/" className="text-base font-semibold text-white" onClick={() => setOpen(false)}>
              Creditdesk
            </Link>
            <RadixDialog.Close asChild>
              <Button variant="ghost" size="icon" aria-label="Close menu" className="text-slate-300 hover:bg-slate-800 hover:text-white">
                <X aria-hidden="true" className="h-4 w-4" />
              </Button>
            </RadixDialog.Close>
          </div>
          <SidebarNav onNavigate={() => setOpen(false)} />
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
