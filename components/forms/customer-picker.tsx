"use client";
import { useEffect, useId, useRef, useState } from "react";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/input";
import { useDebouncedValue } from "@/components/use-debounced-value";

export type PickedCustomer = { id: string; firstName: string; lastName: string; email: string; phone: string | null };

type Props = {
  value: PickedCustomer | null;
  onChange: (customer: PickedCustomer | null) => void;
  /** Names the "Change" button for assistive tech, e.g. "Change receiver". */
  changeLabel?: string;
  placeholder?: string;
  disabled?: boolean;
  // Passed down by <Field>, so its label and error describe whichever element is showing.
  id?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  "aria-required"?: boolean;
};

const MIN_QUERY_LENGTH = 2;
const MAX_OPTIONS = 8;

const fullName = (c: PickedCustomer) => `${c.firstName} ${c.lastName}`.trim();

/**
 * A searchable customer picker: an ARIA 1.2 combobox whose listbox holds customers.search matches
 * (type a name, email or phone; ↑/↓ to move, Enter to pick, Escape to close). Once picked, it
 * shows the customer's name and email with a "Change" button.
 */
export function CustomerPicker({ value, onChange, changeLabel = "Change customer", placeholder, disabled, ...aria }: Props) {
  const trpc = useTRPC();
  const listboxId = useId();
  const optionId = (index: number) => `${listboxId}-option-${index}`;
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const shouldFocusInput = useRef(false);
  const [text, setText] = useState("");
  const [isOpen, setIsOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(0);

  const query = useDebouncedValue(text.trim(), 200);
  const search = useQuery({
    ...trpc.customers.search.queryOptions(query.length >= MIN_QUERY_LENGTH ? { query, limit: MAX_OPTIONS } : skipToken, {
      trpc: { abortOnUnmount: true },
    }),
    placeholderData: keepPreviousData,
  });

  const hasQuery = text.trim().length >= MIN_QUERY_LENGTH;
  const options = hasQuery ? (search.data?.items ?? []) : [];
  const isPopupOpen = isOpen && hasQuery && !value;
  const isListboxShown = isPopupOpen && options.length > 0;
  const active = isListboxShown ? Math.min(activeIndex, options.length - 1) : -1;

  // Escape should close the list, not the drawer around it. Radix listens on `document` in the
  // capture phase, so this listens on `window`, which the capture phase reaches first.
  useEffect(() => {
    if (!isPopupOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && document.activeElement === inputRef.current) {
        event.preventDefault();
        setIsOpen(false);
      }
    };
    window.addEventListener("keydown", onKeyDown, { capture: true });
    return () => window.removeEventListener("keydown", onKeyDown, { capture: true });
  }, [isPopupOpen]);

  useEffect(() => {
    if (active >= 0) listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  useEffect(() => {
    if (!value && shouldFocusInput.current) {
      shouldFocusInput.current = false;
      inputRef.current?.focus();
    }
  }, [value]);

  const pick = (customer: PickedCustomer) => {
    onChange({ id: customer.id, firstName: customer.firstName, lastName: customer.lastName, email: customer.email, phone: customer.phone });
    setIsOpen(false);
    setText("");
  };

  if (value) {
    return (
      <div className="flex items-center justify-between gap-2 rounded-md border border-slate-300 bg-slate-50 px-2.5 py-1.5">
        <output {...aria} className="min-w-0">
          <span className="block truncate text-sm font-medium text-slate-900">{fullName(value)}</span>
          <span className="block truncate text-xs text-slate-600">{value.email}</span>
        </output>
        <Button
          variant="secondary"
          size="sm"
          disabled={disabled}
          aria-label={changeLabel}
          onClick={() => {
            shouldFocusInput.current = true;
            onChange(null);
          }}
        >
          Change
        </Button>
      </div>
    );
  }

  return (
    <div className="relative">
      <Search aria-hidden="true" className="pointer-events-none absolute top-2 left-2.5 h-4 w-4 text-slate-400" />
      <input
        {...aria}
        ref={inputRef}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={isListboxShown}
        aria-controls={listboxId}
        aria-activedescendant={active >= 0 ? optionId(active) : undefined}
        value={text}
        disabled={disabled}
        placeholder={placeholder ?? "Type a name, email or phone"}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        className={cn(inputClass, "pl-8")}
        onChange={(event) => {
          setText(event.target.value);
          setIsOpen(true);
          setActiveIndex(0);
        }}
        onFocus={() => setIsOpen(true)}
        onBlur={() => setIsOpen(false)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            if (!isOpen) setIsOpen(true);
            else if (options.length > 0) setActiveIndex(Math.min(active + 1, options.length - 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            if (options.length > 0) setActiveIndex(Math.max(active - 1, 0));
          } else if (event.key === "Enter" && isPopupOpen) {
            // Enter picks; it must never submit the surrounding form half filled.
            event.preventDefault();
            const option = options[active];
            if (option) pick(option);
          }
        }}
      />
      {isPopupOpen ? (
        <div className="absolute z-10 mt-1 w-full overflow-hidden rounded-md border border-slate-200 bg-white shadow-md">
          {isListboxShown ? (
            <ul ref={listRef} id={listboxId} role="listbox" aria-label="Matching customers" className="max-h-64 overflow-y-auto py-1">
              {options.map((customer, index) => (
                <li
                  key={customer.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === active}
                  data-index={index}
                  className={cn("cursor-pointer px-2.5 py-1.5", index === active ? "bg-blue-50" : "hover:bg-slate-50")}
                  // Keeps focus in the input, so the click lands before the blur closes the list.
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseEnter={() => setActiveIndex(index)}
                  onClick={() => pick(customer)}
                >
                  <span className="block text-sm font-medium text-slate-900">{fullName(customer)}</span>
                  <span className="block text-xs text-slate-600">{customer.email}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <p role="status" className={cn("px-2.5 text-xs text-slate-500", isListboxShown && !search.data?.isSimilarMatches ? "sr-only" : "py-2")}>
            {search.isError
              ? `Customers could not be searched: ${search.error.message}`
              : search.isPending || search.isPlaceholderData || query !== text.trim()
                ? "Searching…"
                : options.length === 0
                  ? `No customers match “${text.trim()}”`
                  : search.data.isSimilarMatches
                    ? `No exact matches; showing similar names (${options.length})`
                    : `${options.length} ${options.length === 1 ? "match" : "matches"}`}
          </p>
        </div>
      ) : null}
    </div>
  );
}
