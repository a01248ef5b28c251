"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { useUrlSearchText } from "@/components/filters/use-url-search-text";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { LabelOptions } from "@/components/ui/label-options";
import { Select } from "@/components/ui/select";
import { STAFF_STATUS_LABELS, STAFF_STATUSES } from "@/server/modules/staff/staff.schema";
import type { StaffFiltersState } from "./staff-filters-state";

/** Search (after a short pause in typing), role and status; every change goes to the URL. */
export function StaffFilters({ filters }: { filters: StaffFiltersState }) {
  const trpc = useTRPC();
  const roles = useQuery({ ...trpc.staff.roleOptions.queryOptions(), staleTime: 60_000 });
  const { values, change } = filters;
  const [text, setText] = useUrlSearchText(values.q, change);
  const isRoleUnlisted = values.role !== "" && !roles.data?.some((r) => r.key === values.role);

  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-start gap-3 border-b border-slate-200 px-4 py-2.5">
      <div className="w-72">
        <Field label="Search staff">
          <Input type="search" value={text} maxLength={200} autoComplete="off" placeholder="Name or email" onChange={(e) => setText(e.target.value)} />
        </Field>
      </div>
      <div className="w-44">
        <Field label="Role" error={roles.isError ? "Roles could not be loaded" : undefined}>
          <Select value={values.role} onChange={(e) => change({ role: e.target.value })}>
            <option value="">All roles</option>
            {isRoleUnlisted ? <option value={values.role}>{roles.isPending ? "Loading…" : "Unknown role"}</option> : null}
            {roles.data?.map((r) => (
              <option key={r.key} value={r.key}>
                {r.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="w-40">
        <Field label="Status">
          <Select value={values.status} onChange={(e) => change({ status: e.target.value })}>
            <option value="">Any status</option>
            <LabelOptions values={STAFF_STATUSES} labels={STAFF_STATUS_LABELS} />
          </Select>
        </Field>
      </div>
    </div>
  );
}
