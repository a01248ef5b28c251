"use client";
import { useEffect } from "react";

// Counts the navigations the user starts (a link or a link row chosen, Back or Forward). A delayed
// URL update scheduled before one (the customer search's pause) sees the count moved and drops
// itself: otherwise its router.replace, coming last, would win over the user's navigation.
let navigations = 0;

export function noteNavigation(): void {
  navigations += 1;
}

export const navigationCount = (): number => navigations;

function isPlainLinkClick(event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  return link !== null && (link.getAttribute("target") ?? "_self") === "_self";
}

/** While mounted, counts plain link clicks and history moves as navigations (LinkRow notes its own). */
export function useNavigationIntent(): void {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (isPlainLinkClick(event)) noteNavigation();
    };
    // Capture: counted before the link's own handler starts the navigation.
    document.addEventListener("click", onClick, true);
    window.addEventListener("popstate", noteNavigation);
    return () => {
      document.removeEventListener("click", onClick, true);
      window.removeEventListener("popstate", noteNavigation);
    };
  }, []);
}
