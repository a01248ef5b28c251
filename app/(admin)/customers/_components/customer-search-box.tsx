"use client";
import { useEffect, useRef, useState } from "react";
import { Search, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input";
import { navigationCount, useNavigationIntent } from "@/components/navigation-intent";

type Props = { value: string; onChange: (query: string) => void; onTextChange?: (text: string) => void };

const PAUSE_MS = 250;

/**
 * Typing updates the URL after a short pause; the table follows the URL. A pending update is
 * dropped when the user navigates first (a row clicked within the pause opens that profile) and
 * when the box unmounts: it must never pull the user back to the search.
 */
export function CustomerSearchBox({ value, onChange, onTextChange }: Props) {
  const [text, setText] = useState(value);
  const latest = useRef({ value, onChange, onTextChange });
  useEffect(() => {
    latest.current = { value, onChange, onTextChange };
  });
  // What is typed, before the pause and the URL catch up: the table says it is searching meanwhile.
  useEffect(() => latest.current.onTextChange?.(text), [text]);
  useNavigationIntent();

  useEffect(() => {
    const navigationsBefore = navigationCount();
    const timer = setTimeout(() => {
      if (navigationCount() !== navigationsBefore) return;
      // Only the user's typing pushes a new search, never a URL that changed under the box.
      if (text !== latest.current.value) latest.current.onChange(text);
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <div className="max-w-xl space-y-1">
      <label htmlFor="customer-search" className="block text-xs font-medium text-slate-700">
        Search customers
      </label>
      <div className="relative">
        <Search aria-hidden="true" className="pointer-events-none absolute top-2 left-2.5 h-4 w-4 text-slate-400" />
        <input
          id="customer-search"
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="Name, email, phone or customer id"
          maxLength={200}
          autoComplete="off"
          className={`${inputClass} pr-8 pl-8`}
        />
        {text ? (
          <Button
            variant="ghost"
            size="icon"
            aria-label="Clear search"
            className="absolute top-0 right-0"
            onClick={() => {
              setText("");
              onChange("");
            }}
          >
            <X aria-hidden="true" className="h-4 w-4" />
          </Button>
        ) : null}
      </div>
    </div>
  );
}
