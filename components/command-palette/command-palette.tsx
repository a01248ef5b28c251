"use client";
import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { useRouter } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useTRPC } from "@/components/providers/trpc";
import { useActor } from "@/components/providers/actor-context";
import { useDebouncedValue } from "@/components/use-debounced-value";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { pageItems, type PaletteItem } from "./palette-items";

/** Ctrl/Cmd-K from any page, or the top bar's field: customers (the Customers search) and the pages and actions the role may use. */
export function CommandPalette() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        aria-label="Quick find"
        aria-keyshortcuts="Control+K Meta+K"
        onClick={() => setOpen(true)}
        className="flex h-8 w-56 max-w-full items-center gap-2 rounded-md border border-slate-300 bg-white px-2 text-left text-sm text-slate-500 hover:border-slate-400 print:hidden"
      >
        <Search aria-hidden="true" className="h-3.5 w-3.5" />
        <span className="flex-1 truncate">Find customers, pages…</span>
        <kbd className="rounded border border-slate-200 px-1 text-[11px] text-slate-500">Ctrl K</kbd>
      </button>
      <Dialog open={open} onOpenChange={setOpen} title="Quick find">
        {open ? <PaletteBody onDone={() => setOpen(false)} /> : null}
      </Dialog>
    </>
  );
}

function PaletteBody({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { permissions } = useActor();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const debounced = useDebouncedValue(query.trim(), 150);
  const canSearch = permissions.includes("customers:read");
  const customers = useQuery({
    ...trpc.customers.search.queryOptions({ query: debounced, limit: 6 }),
    enabled: canSearch && debounced.length > 0,
    placeholderData: keepPreviousData,
  });
  const customerItems: PaletteItem[] =
    debounced.length > 0 && customers.data
      ? customers.data.items.map((c) => ({ id: `customer:${c.id}`, label: `${c.firstName} ${c.lastName}`, hint: c.email, href: `/customers/${c.id}` }))
      : [];
  const items = [...customerItems, ...pageItems(permissions, query)];
  const current = Math.min(active, Math.max(items.length - 1, 0));

  const go = (item: PaletteItem | undefined) => {
    if (!item) return;
    onDone();
    router.push(item.href);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") setActive((current + 1) % Math.max(items.length, 1));
    else if (event.key === "ArrowUp") setActive((current - 1 + items.length) % Math.max(items.length, 1));
    else if (event.key === "Enter") go(items[current]);
    else return;
    event.preventDefault();
  };

  return (
    <div className="space-y-2">
      <Input
        role="combobox"
        aria-label="Find customers, pages and actions"
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={items[current] ? `${listId}-${current}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        placeholder="Name, email, phone or customer id; or a page"
      />
      <p role="status" className="sr-only">
        {customers.isFetching ? "Searching" : `${items.length} results`}
      </p>
      <ul id={listId} role="listbox" aria-label="Results" className="max-h-80 overflow-y-auto">
        {items.map((item, i) => (
          <li
            key={item.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => go(item)}
            className={cn("flex cursor-pointer items-baseline justify-between gap-3 rounded px-2 py-1.5 text-sm", i === current ? "bg-blue-50 text-blue-900" : "text-slate-800")}
          >
            <span className="truncate">{item.label}</span>
            <span className="shrink-0 text-xs text-slate-500">{item.hint}</span>
          </li>
        ))}
      </ul>
      {items.length === 0 ? <p className="px-2 text-sm text-slate-500">{debounced && customers.isFetching ? "Searching…" : "Nothing matches"}</p> : null}
    </div>
  );
}
