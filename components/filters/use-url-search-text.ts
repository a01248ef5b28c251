"use client";
import { useEffect, useRef, useState } from "react";

const PAUSE_MS = 250;

/**
 * A list's search box bound to the URL's `q`: what is typed reaches the URL after a short pause in
 * typing, and only typing changes it (never a URL that changed under the box). When the URL's
 * search is cleared (Clear filters, Back), the box follows.
 */
export function useUrlSearchText(q: string, change: (changes: { q: string }) => void): [string, (text: string) => void] {
  const [text, setText] = useState(q);
  const latest = useRef({ q, change });
  useEffect(() => {
    latest.current = { q, change };
  });
  useEffect(() => {
    const timer = setTimeout(() => {
      if (text !== latest.current.q) latest.current.change({ q: text });
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  // Set while rendering, not in an effect, so the box never shows a stale search for a frame.
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    setShownQ(q);
    if (q === "") setText("");
  }
  return [text, setText];
}
