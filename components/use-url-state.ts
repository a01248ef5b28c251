"use client";
import { useCallback, useEffect } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

// router.replace commits in a transition, so for a moment after a change `useSearchParams` still
// shows the URL before it. A second change in that moment (a debounced search landing just after a
// filter was picked) would be built on the old URL and undo the first. So every change is built on
// the newest URL asked for: those not yet committed wait here, in order, shared by every component
// of the page, and leave once the router shows them (or the URL moves elsewhere, e.g. Back).
let requested: string[] = [];
let lastSeen = "";

const urlOf = (pathname: string, query: string) => (query ? `${pathname}?${query}` : pathname);

function noteCommitted(url: string) {
  if (url === lastSeen) return;
  lastSeen = url;
  const index = requested.indexOf(url);
  requested = index >= 0 ? requested.slice(index + 1) : [];
}

/** Reads and replaces URL search params, so filters, sorts and pages deep-link and survive reload. */
export function useUrlState() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const current = urlOf(pathname, params.toString());

  useEffect(() => noteCommitted(current), [current]);

  const set = useCallback(
    (changes: Record<string, string | null>) => {
      noteCommitted(current);
      const newest = requested.at(-1);
      const base = newest?.startsWith(`${pathname}?`) || newest === pathname ? newest : current;
      const next = new URLSearchParams(base.slice(pathname.length + 1));
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      const url = urlOf(pathname, next.toString());
      if (url === (newest ?? current)) return;
      requested.push(url);
      router.replace(url, { scroll: false });
    },
    [current, pathname, router],
  );

  return { params, set };
}
