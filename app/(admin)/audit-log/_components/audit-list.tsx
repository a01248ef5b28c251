"use client";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { ExportCsvButton } from "@/components/export-csv-button";
import { useTRPC } from "@/components/providers/trpc";
import { FilterActions } from "@/components/filters/filter-actions";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { AuditFilters } from "./audit-filters";
import { useAuditFilters } from "./audit-filters-state";
import { AuditTable } from "./audit-table";

const PAGE_SIZE = 50;

/** Every audited change, newest first; filters and page live in the URL. */
export function AuditList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const filters = useAuditFilters();
  const isIncomplete = filters.isRangeReversed || filters.isTargetIncomplete;
  const { cursor } = filters;
  const list = useQuery({
    ...trpc.audit.list.queryOptions({ ...filters.input, cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    enabled: !isIncomplete,
  });

  return (
    <Card aria-busy={list.isFetching}>
      <CardHeader>
        <CardTitle>All entries</CardTitle>
        <FilterActions isFiltered={filters.isFiltered} onClear={filters.clear}>
          <ExportCsvButton
            noun="audit entries"
            disabled={isIncomplete}
            fetchCsv={() => queryClient.fetchQuery({ ...trpc.audit.csv.queryOptions(filters.input), staleTime: 0 })}
          />
        </FilterActions>
      </CardHeader>
      <AuditFilters filters={filters} />
      {filters.values.customer ? (
        <p role="status" className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm text-slate-600">
          Showing the entries of one customer. Clear filters to see all.
        </p>
      ) : null}
      {filters.isRangeReversed ? (
        <EmptyState title="Check the dates">Choose a To date on or after the From date.</EmptyState>
      ) : filters.isTargetIncomplete ? (
        <EmptyState title="Choose the whole target">A target is its type and its id: choose both, or clear the one you set.</EmptyState>
      ) : list.isPending ? (
        <LoadingRows label="Loading audit entries" />
      ) : list.isError ? (
        <ErrorState title="The audit log could not be loaded">{list.error.message}</ErrorState>
      ) : list.data.items.length === 0 ? (
        <EmptyState title={filters.isFiltered ? "No entries match these filters" : "No audit entries yet"}>
          {filters.isFiltered ? "Widen the dates or clear the filters to see more." : "Every change to money, staff and settings is recorded here."}
        </EmptyState>
      ) : (
        <>
          <AuditTable entries={list.data.items} onTarget={(targetType, target) => filters.change({ targetType, target })} />
          <CursorPager cursor={cursor} nextCursor={list.data.nextCursor} onPage={filters.setCursor} />
        </>
      )}
    </Card>
  );
}
