"use client";
import { useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { ChevronRight } from "lucide-react";
import { noteNavigation } from "@/components/navigation-intent";
import { PendingSpinner, useReportNavigationPending } from "@/components/navigation-progress";
import { cn } from "./cn";

/**
 * A table row that opens `href`: clickable, and a keyboard stop of its own (Enter or Space), named
 * by `label` for assistive tech. Put a plain link in its first cell to keep open-in-new-tab.
 * While the page it opens is loading the row is marked busy (aria-busy, dimmed) and the top bar
 * shows. With `hasChevron` it ends in a chevron cell (give the table a matching last header).
 * `focusId` lets a dialog put focus on the row it just added (see focusWhenRendered).
 */
export function LinkRow({
  href,
  label,
  hasChevron = false,
  focusId,
  children,
}: {
  href: string;
  label: string;
  hasChevron?: boolean;
  focusId?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  useReportNavigationPending(isPending);
  const open = () => {
    noteNavigation();
    startTransition(() => router.push(href));
  };
  return (
    <tr
      tabIndex={0}
      aria-label={label}
      aria-busy={isPending || undefined}
      data-focus-id={focusId}
      // Hover only tints the row; keyboard focus also draws a ring, so the two never look alike.
      className={cn(
        "group cursor-pointer hover:bg-slate-50 focus-visible:bg-blue-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600",
        isPending && "bg-slate-50 opacity-60",
      )}
      onClick={open}
      onKeyDown={(event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          open();
        }
      }}
    >
      {children}
      {hasChevron ? (
        <td className="w-8 border-b border-slate-100 px-2 py-2 text-right text-slate-400 group-hover:text-blue-700">
          {isPending ? <PendingSpinner /> : <ChevronRight aria-hidden="true" className="inline h-4 w-4" />}
        </td>
      ) : null}
    </tr>
  );
}
