"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { LabelOptions } from "@/components/ui/label-options";
import { Select } from "@/components/ui/select";
import { AUDIT_AREA_LABELS, AUDIT_AREAS } from "@/server/modules/audit/audit.schema";
import type { AuditFiltersState } from "./audit-filters-state";

/** Area, staff member and dates; every change goes to the URL. */
export function AuditFilters({ filters }: { filters: AuditFiltersState }) {
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.audit.filterOptions.queryOptions(), staleTime: 60_000 });
  const { values, change } = filters;
  const actors = options.data?.actors ?? [];
  const isActorUnlisted = values.actor !== "" && !actors.some((a) => a.id === values.actor);

  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-start gap-3 border-b border-slate-200 px-4 py-2.5">
      <div className="w-48">
        <Field label="Area">
          <Select value={values.area} onChange={(e) => change({ area: e.target.value })}>
            <option value="">All areas</option>
            <LabelOptions values={AUDIT_AREAS} labels={AUDIT_AREA_LABELS} />
          </Select>
        </Field>
      </div>
      <div className="w-44">
        <Field label="Staff member" error={options.isError ? "Staff members could not be loaded" : undefined}>
          <Select value={values.actor} onChange={(e) => change({ actor: e.target.value })}>
            <option value="">Anyone</option>
            {isActorUnlisted ? <option value={values.actor}>{options.isPending ? "Loading…" : "Unknown staff member"}</option> : null}
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
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
    </div>
  );
}
