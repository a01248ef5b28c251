"use client";
import { useUrlState } from "@/components/use-url-state";
import { STAFF_STATUSES, type StaffListInput } from "@/server/modules/staff/staff.schema";

/** The staff list's search, role and status as they live in the URL (`?q=&role=&status=`). */
export function useStaffFilters() {
  const { params, set } = useUrlState();
  const values = {
    q: (params.get("q") ?? "").slice(0, 200),
    role: (params.get("role") ?? "").slice(0, 64),
    status: STAFF_STATUSES.find((s) => s === params.get("status")) ?? ("" as const),
  };
  const input: NonNullable<StaffListInput> = {
    search: values.q.trim() || undefined,
    role: values.role || undefined,
    status: values.status || undefined,
  };
  const isFiltered = Boolean(input.search || input.role || input.status);
  const change = (changes: Partial<Record<keyof typeof values, string | null>>) => set(changes);
  const clear = () => change({ q: null, role: null, status: null });
  return { values, input, isFiltered, change, clear };
}

export type StaffFiltersState = ReturnType<typeof useStaffFilters>;
