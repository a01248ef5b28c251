"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import {
  REFUND_REASON_LABELS,
  REFUND_REASONS,
  REFUND_STATUS_LABELS,
  REFUND_STATUSES,
  REFUND_TYPE_LABELS,
  REFUND_TYPES,
} from "@/server/modules/refunds/refunds.schema";
import type { RefundFiltersState } from "./refund-filters-state";
import { LabelOptions } from "@/components/ui/label-options";

/** Status, reason, type, dates and staff member; every change goes to the URL. */
export function RefundFilters({ filters }: { filters: RefundFiltersState }) {
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.refunds.filterOptions.queryOptions(), staleTime: 60_000 });
  const { values, change } = filters;
  const staff = options.data?.staff ?? [];
  const isStaffUnlisted = values.staff !== "" && !staff.some((s) => s.id === values.staff);

  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-start gap-3 border-b border-slate-200 px-4 py-2.5">
      <div className="w-36">
        <Field label="Status">
          <Select value={values.status} onChange={(e) => change({ status: e.target.value })}>
            <option value="">All statuses</option>
            <LabelOptions values={REFUND_STATUSES} labels={REFUND_STATUS_LABELS} />
          </Select>
        </Field>
      </div>
      <div className="w-48">
        <Field label="Reason">
          <Select value={values.reason} onChange={(e) => change({ reason: e.target.value })}>
            <option value="">All reasons</option>
            <LabelOptions values={REFUND_REASONS} labels={REFUND_REASON_LABELS} />
          </Select>
        </Field>
      </div>
      <div className="w-56">
        <Field label="Type">
          <Select value={values.type} onChange={(e) => change({ type: e.target.value })}>
            <option value="">All types</option>
            <LabelOptions values={REFUND_TYPES} labels={REFUND_TYPE_LABELS} />
          </Select>
        </Field>
      </div>
      <div className="w-36">
        <Field label="From">
          <Input type="date" value={values.from} max={values.to || undefined} onChange={(e) => change({ from: e.target.value })} />
        </Field>
      </div>
      <div className="w-36">
        <Field label="To" error={filters.isRangeReversed ? "The end date is before the start date" : undefined}>
          <Input type="date" value={values.to} min={values.from || undefined} onChange={(e) => change({ to: e.target.value })} />
        </Field>
      </div>
      <div className="w-40">
        <Field label="Staff member" error={options.isError ? "Staff members could not be loaded" : undefined}>
          <Select value={values.staff} onChange={(e) => change({ staff: e.target.value })}>
            <option value="">Anyone</option>
            {isStaffUnlisted ? <option value={values.staff}>{options.isPending ? "Loading…" : "Unknown staff member"}</option> : null}
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </div>
  );
}
