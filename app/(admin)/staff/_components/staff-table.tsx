"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { useDates } from "@/components/format";
import { Badge } from "@/components/ui/status-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { StaffFilters } from "./staff-filters";
import { useStaffFilters } from "./staff-filters-state";
import { StaffRowActions } from "./staff-row-actions";

/** The filters (in the URL) and the staff members they match, each with its actions menu. */
function useStaffList(input: ReturnType<typeof useStaffFilters>["input"]) {
  const trpc = useTRPC();
  // The previous rows stay while a new filter loads, so the table does not flash empty.
  return useQuery({ ...trpc.staff.list.queryOptions(input), placeholderData: (previous) => previous });
}

export function StaffDirectory() {
  const filters = useStaffFilters();
  // Clearing remounts the filters, so the search box shows the cleared URL too.
  const [filtersKey, setFiltersKey] = useState(0);
  const staff = useStaffList(filters.input);
  const clear = () => {
    filters.clear();
    setFiltersKey((k) => k + 1);
  };

  return (
    <Card>
      <StaffFilters key={filtersKey} filters={filters} />
      <StaffRows staff={staff} isFiltered={filters.isFiltered} onClear={clear} />
    </Card>
  );
}

type ListQuery = ReturnType<typeof useStaffList>;

function StaffRows({ staff, isFiltered, onClear }: { staff: ListQuery; isFiltered: boolean; onClear: () => void }) {
  const { formatDate } = useDates();
  if (staff.isPending) return <LoadingRows label="Loading staff" />;
  if (staff.isError) return <ErrorState title="Staff could not be loaded">{staff.error.message}</ErrorState>;
  if (staff.data.length === 0) {
    return (
      <EmptyState title={isFiltered ? "No staff members match these filters" : "No staff members"}>
        {isFiltered ? (
          <Button variant="secondary" size="sm" className="mt-2" onClick={onClear}>
            Clear filters
          </Button>
        ) : null}
      </EmptyState>
    );
  }
  return (
    <Table aria-label="Staff" aria-busy={staff.isFetching}>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Role</Th>
          <Th>Status</Th>
          <Th>Added</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {staff.data.map((s) => (
          <tr key={s.id}>
            <Td className="font-medium">{s.name}</Td>
            <Td>{s.email}</Td>
            <Td>{s.roleName}</Td>
            <Td>{s.isActive ? <Badge tone="green">Active</Badge> : <Badge>Deactivated</Badge>}</Td>
            <Td>{formatDate(s.createdAt)}</Td>
            <Td className="w-10 text-right">
              <StaffRowActions staff={s} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
