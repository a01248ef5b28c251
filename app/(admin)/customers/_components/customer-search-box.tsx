"use client";
import { useEffect, useState } from "react";
import { Search, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input";
import { useDebouncedValue } from "@/components/use-debounced-value";

type Props = { value: string; onChange: (query: string) => void };

/** Typing updates the URL after a short pause; the table follows the URL. */
export function CustomerSearchBox({ value, onChange }: Props) {
  const [text, setText] = useState(value);
  const debounced = useDebouncedValue(text, 250);

  useEffect(() => {
    if (debounced !== value) onChange(debounced);
    // `value` is deliberately left out: only the user's typing should push a new search.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

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
