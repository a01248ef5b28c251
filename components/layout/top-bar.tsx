"use client";
import { signOut } from "next-auth/react";
import { LogOut } from "lucide-react";
import { useActor } from "@/components/providers/actor-context";
import { Button } from "@/components/ui/button";
import { CommandPalette } from "@/components/command-palette/command-palette";
import { MobileNav } from "./mobile-nav";

export function TopBar() {
  const actor = useActor();
  return (
    <header className="flex h-12 items-center justify-end gap-3 border-b border-slate-200 bg-white px-3 sm:px-4 print:hidden">
      <div className="lg:hidden">
        <MobileNav />
      </div>
      <div className="mr-auto">
        <CommandPalette />
      </div>
      <div className="min-w-0 text-right leading-tight">
        <p className="truncate text-sm font-medium text-slate-900">{actor.name}</p>
        <p className="text-xs text-slate-500">{actor.roleName}</p>
      </div>
      <Button variant="secondary" size="sm" onClick={() => void signOut({ callbackUrl: "/sign-in" })}>
        <LogOut aria-hidden="true" className="h-3.5 w-3.5" />
        Sign out
      </Button>
    </header>
  );
}
