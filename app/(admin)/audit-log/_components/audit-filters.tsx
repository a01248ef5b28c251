"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { DateRangeFilter } from "@/components/filters/date-range-filter";
import { StaffSelect } from "@/components/filters/staff-select";
import { Field } from "@/components/ui/field";
import { LabelOptions } from "@/components/ui/label-options";
import { Select } from "@/components/ui/select";
import { AUDIT_AREA_LABELS, AUDIT_AREAS } from "@/server/modules/audit/audit.schema";
import type { AuditFiltersState } from "./audit-filters-state";
import { TargetIdInput } from "./target-id-input";

/** Area, action, staff member, target and dates; every change goes to the URL. */
export function AuditFilters({ filters }: { filters: AuditFiltersState }) {
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.audit.filterOptions.queryOptions(), staleTime: 60_000 });
  const { values, change } = filters;
  const actions = (options.data?.actions ?? []).filter((a) => !values.area || a.startsWith(`${values.area}.`));
  const withChosen = (list: string[], chosen: string) => (chosen && !list.includes(chosen) ? [chosen, ...list] : list);

  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-start gap-3 border-b border-slate-200 px-4 py-2.5">
      <div className="w-44">
        <Field label="Area">
          <Select
            value={values.area}
            // An action of another area would match nothing: choosing an area lets it go.
            onChange={(e) => change({ area: e.target.value, ...(values.action && !values.action.startsWith(`${e.target.value}.`) ? { action: null } : {}) })}
          >
            <option value="">All areas</option>
            <LabelOptions values={AUDIT_AREAS} labels={AUDIT_AREA_LABELS} />
          </Select>
        </Field>
      </div>
      <div className="w-52">
        <Field label="Action" error={options.isError ? "Actions could not be loaded" : undefined}>
          <Select value={values.action} onChange={(e) => change({ action: e.target.value })}>
            <option value="">All actions</option>
            {withChosen(actions, values.action).map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <StaffSelect value={values.actor} staff={options.data?.actors ?? []} isPending={options.isPending} isError={options.isError} onChange={(actor) => change({ actor })} />
      <div className="w-40">
        <Field label="Target type" error={filters.isTargetIncomplete && !values.targetType ? "Choose the target's type" : undefined}>
          <Select value={values.targetType} onChange={(e) => change({ targetType: e.target.value })}>
            <option value="">Any target</option>
            {withChosen(options.data?.targetTypes ?? [], values.targetType).map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <TargetIdInput value={values.target} isMissing={filters.isTargetIncomplete && !values.target} onCommit={(target) => change({ target })} />
      <DateRangeFilter from={values.from} to={values.to} onChange={change} />
    </div>
  );
}
