"use client";
import type { ReactNode } from "react";
import { useRouter } from "next/navigation";
import { noteNavigation } from "@/components/navigation-intent";

/**
 * A table row that opens `href`: clickable, and a keyboard stop of its own (Enter or Space), named
 * by `label` for assistive tech. Put a plain link in its first cell to keep open-in-new-tab.
 */
export function LinkRow({ href, label, children }: { href: string; label: string; children: ReactNode }) {
  const router = useRouter();
  const open = () => {
    noteNavigation();
    router.push(href);
  };
  return (
    <tr
      tabIndex={0}
      aria-label={label}
      className="cursor-pointer hover:bg-slate-50 focus-visible:bg-blue-50 focus-visible:outline-none"
      onClick={open}
      onKeyDown={(event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          open();
        }
      }}
    >
      {children}
    </tr>
  );
}
