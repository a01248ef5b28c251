"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { useUrlSearchText } from "@/components/filters/use-url-search-text";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DateRangeFilter } from "@/components/filters/date-range-filter";
import { StaffSelect } from "@/components/filters/staff-select";
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

/** Search (after a short pause in typing), status, reason, type, dates and staff member; every change goes to the URL. */
export function RefundFilters({ filters }: { filters: RefundFiltersState }) {
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.refunds.filterOptions.queryOptions(), staleTime: 60_000 });
  const { values, change } = filters;
  const [text, setText] = useUrlSearchText(values.q, change);

  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-start gap-3 border-b border-slate-200 px-4 py-2.5">
      <div className="w-72">
        <Field label="Search refunds" hint="Customer name or email, or a refund or payment reference">
          <Input type="search" value={text} maxLength={100} autoComplete="off" placeholder="Ada Lovelace, RF-… or PAY-…" onChange={(e) => setText(e.target.value)} />
        </Field>
      </div>
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
      <DateRangeFilter from={values.from} to={values.to} onChange={change} />
      <StaffSelect
        className="w-40"
        value={values.staff}
        staff={options.data?.staff ?? []}
        isPending={options.isPending}
        isError={options.isError}
        onChange={(staff) => change({ staff })}
      />
    </div>
  );
}
