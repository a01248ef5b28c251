"use client";
import { useState } from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { LinkRow } from "@/components/ui/link-row";
import { PendingSpinner } from "@/components/navigation-progress";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { useDates } from "@/components/format";
import { money } from "@/components/money";
import { useUrlState } from "@/components/use-url-state";
import { CUSTOMER_SORTS, type CustomerSort } from "@/server/modules/customers/customers.schema";
import { CustomerSearchBox } from "./customer-search-box";
import { SortHeader } from "./sort-header";

const PAGE_SIZE = 25;

function readSort(value: string | null): CustomerSort {
  return CUSTOMER_SORTS.find((sort) => sort === value) ?? "relevance";
}

export function CustomersTable() {
  const { formatDate } = useDates();
  const trpc = useTRPC();
  const { params, set } = useUrlState();
  const query = params.get("q") ?? "";
  const [typed, setTyped] = useState(query);
  const sort = readSort(params.get("sort"));
  const direction = params.get("dir") === "desc" ? "desc" : "asc";
  const cursor = params.get("cursor");

  const page = useQuery({
    // Passing the abort signal lets React Query cancel a search the user has already typed past.
    ...trpc.customers.search.queryOptions(
      { query, sort, direction, cursor, limit: PAGE_SIZE },
      { trpc: { abortOnUnmount: true } },
    ),
    placeholderData: keepPreviousData,
  });

  const onSort = (column: CustomerSort, dir: "asc" | "desc") => set({ sort: column, dir, cursor: null });
  // The rows shown are for an older search while the typed text waits for its pause and the URL,
  // or while the new search's answer is on its way (the previous page is kept meanwhile).
  const isSearching = typed !== query || (page.isFetching && page.isPlaceholderData);

  return (
    <div className="space-y-3">
      <CustomerSearchBox value={query} onChange={(q) => set({ q, cursor: null })} onTextChange={setTyped} />
      <Card aria-busy={page.isFetching || isSearching} className="relative">
        {isSearching && page.data ? (
          <p role="status" className="flex items-center gap-2 border-b border-slate-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">
            <PendingSpinner />
            Searching…
          </p>
        ) : null}
        {page.isPending ? (
          <LoadingRows label="Loading customers" />
        ) : page.isError ? (
          <ErrorState title="Customers could not be loaded">{page.error.message}</ErrorState>
        ) : page.data.items.length === 0 ? (
          <EmptyState title={query ? `No customers match “${query}”` : "No customers yet"}>
            {query ? "Check the spelling, try part of the email or phone number, or clear the search to see everyone." : null}
          </EmptyState>
        ) : (
          <>
            {page.data.isSimilarMatches ? (
              <p role="status" className="border-b border-slate-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                No exact matches for “{query}”. Showing customers with similar names.
              </p>
            ) : null}
            <Table aria-label="Customers" className={isSearching ? "opacity-60 transition-opacity" : undefined}>
              <thead>
                <tr>
                  <SortHeader label="Name" column="name" sort={sort} direction={direction} onSort={onSort} />
                  <SortHeader label="Email" column="email" sort={sort} direction={direction} onSort={onSort} />
                  <Th>Phone</Th>
                  <Th className="text-right">Store credit</Th>
                  <SortHeader label="Customer since" column="createdAt" sort={sort} direction={direction} onSort={onSort} />
                  <SortHeader label="Last activity" column="lastActivityAt" sort={sort} direction={direction} onSort={onSort} />
                </tr>
              </thead>
              <tbody>
                {page.data.items.map((c) => (
                  <LinkRow key={c.id} href={`/customers/${c.id}`} label={`${c.firstName} ${c.lastName}`}>
                    <Td className="font-medium">
                      <Link href={`/customers/${c.id}`} tabIndex={-1} className="hover:underline">
                        {c.firstName} {c.lastName}
                      </Link>
                    </Td>
                    <Td>{c.email}</Td>
                    <Td className="tabular-nums">{c.phone ?? "—"}</Td>
                    <Td className="text-right tabular-nums">{c.balances.length ? c.balances.map(money).join(" · ") : "—"}</Td>
                    <Td>{formatDate(c.createdAt)}</Td>
                    <Td>{formatDate(c.lastActivityAt)}</Td>
                  </LinkRow>
                ))}
              </tbody>
            </Table>
            <CursorPager
              cursor={cursor}
              nextCursor={page.data.nextCursor}
              prevCursor={page.data.prevCursor}
              onPage={(next) => set({ cursor: next })}
            />
          </>
        )}
      </Card>
    </div>
  );
}
