"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { FilterActions } from "@/components/filters/filter-actions";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { ExportRefundsButton } from "./export-refunds-button";
import { RefundFilters } from "./refund-filters";
import { useRefundFilters } from "./refund-filters-state";
import { RefundsTable } from "./refunds-table";
import { CursorPager } from "@/components/ui/cursor-pager";

const PAGE_SIZE = 50;

/** All refunds across customers, newest first; filters and page live in the URL. */
export function RefundsList() {
  const trpc = useTRPC();
  const filters = useRefundFilters();
  const { cursor } = filters;
  const list = useQuery({
    ...trpc.refunds.list.queryOptions({ ...filters.input, cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    // A reversed range is explained beside the To field; the server would only refuse it.
    enabled: !filters.isRangeReversed,
  });

  return (
    <Card aria-busy={list.isFetching}>
      <CardHeader>
        <CardTitle>All refunds</CardTitle>
        <FilterActions isFiltered={filters.isFiltered} onClear={filters.clear}>
          <ExportRefundsButton input={filters.input} disabled={filters.isRangeReversed} />
        </FilterActions>
      </CardHeader>
      <RefundFilters filters={filters} />
      {filters.values.payment || filters.values.customer ? (
        <p role="status" className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm text-slate-600">
          {filters.values.payment ? "Showing the refunds of one payment." : "Showing the refunds of one customer."} Clear filters to see all.
        </p>
      ) : null}
      {filters.isRangeReversed ? (
        <EmptyState title="Check the dates">Choose a To date on or after the From date.</EmptyState>
      ) : list.isPending ? (
        <LoadingRows label="Loading refunds" />
      ) : list.isError ? (
        <ErrorState title="Refunds could not be loaded">{list.error.message}</ErrorState>
      ) : list.data.items.length === 0 ? (
        <EmptyState title={filters.isFiltered ? "No refunds match these filters" : "No refunds yet"}>
          {filters.isFiltered
            ? "Widen the dates or clear the filters to see more."
            : "Refunds made from the Payments tab of a customer are listed here."}
        </EmptyState>
      ) : (
        <>
          <RefundsTable refunds={list.data.items} />
          <CursorPager cursor={cursor} nextCursor={list.data.nextCursor} onPage={filters.setCursor} />
        </>
      )}
    </Card>
  );
}
