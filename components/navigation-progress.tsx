"use client";
import { useEffect, useSyncExternalStore } from "react";
import { useLinkStatus } from "next/link";
import { Loader2 } from "lucide-react";
import { cn } from "@/components/ui/cn";

// Navigations under way, as reported by the links and link rows that started them (a Link's own
// pending state, or a router.push inside a transition). The top bar shows while any is pending.
let pendingCount = 0;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const isAnyPending = () => pendingCount > 0;
const setCount = (delta: number) => {
  pendingCount += delta;
  for (const listener of listeners) listener();
};

/** Counts one navigation as under way for the top progress bar while `isPending` holds. */
export function useReportNavigationPending(isPending: boolean): void {
  useEffect(() => {
    if (!isPending) return;
    setCount(1);
    return () => setCount(-1);
  }, [isPending]);
}

/** A thin bar across the top of the window while a navigation is pending. */
export function NavigationProgress() {
  const isPending = useSyncExternalStore(subscribe, isAnyPending, () => false);
  if (!isPending) return null;
  return (
    <div role="progressbar" aria-label="Loading page" className="fixed inset-x-0 top-0 z-50 h-0.5 overflow-hidden bg-blue-100">
      <div className="navigation-progress h-full w-1/3 bg-blue-600" />
    </div>
  );
}

/** A small spinner for something whose navigation is pending. */
export const PendingSpinner = ({ className }: { className?: string }) => (
  <Loader2 aria-hidden="true" className={cn("inline h-3.5 w-3.5 shrink-0 animate-spin", className)} />
);

/**
 * Put inside a <Link> around its label: while that link's navigation is pending the label is
 * marked busy (aria-busy, dimmed, a spinner) and the top bar shows.
 */
export function LinkLabel({ children, className }: { children: React.ReactNode; className?: string }) {
  const { pending } = useLinkStatus();
  useReportNavigationPending(pending);
  return (
    <span aria-busy={pending || undefined} className={cn("inline-flex items-center gap-1.5", pending && "opacity-70", className)}>
      {children}
      {pending ? <PendingSpinner /> : null}
    </span>
  );
}
