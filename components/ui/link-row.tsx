"use client";
import type { ReactNode } from "react";
import { useRouter } from "next/navigation";
import { noteNavigation } from "@/components/navigation-intent";

/**
 * A table row that opens `href`: clickable, and a keyboard stop of its own (Enter or Space), named
 * by `label` for assistive tech. Put a plain link in its first cell to keep open-in-new-tab.
 * `focusId` lets a dialog put focus on the row it just added (see focusWhenRendered).
 */
export function LinkRow({ href, label, focusId, children }: { href: string; label: string; focusId?: string; children: ReactNode }) {
  const router = useRouter();
  const open = () => {
    noteNavigation();
    router.push(href);
  };
  return (
    <tr
      tabIndex={0}
      aria-label={label}
      data-focus-id={focusId}
      // Hover only tints the row; keyboard focus also draws a ring, so the two never look alike.
      className="cursor-pointer hover:bg-slate-50 focus-visible:bg-blue-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
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
