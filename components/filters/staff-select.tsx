"use client";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";

type Props = {
  value: string;
  staff: { id: string; name: string }[];
  /** The options query's state: a chosen id not (yet) in the list shows as loading or unknown. */
  isPending: boolean;
  isError: boolean;
  onChange: (staffId: string) => void;
  label?: string;
  className?: string;
};

/** "Staff member" filter: Anyone or one member; an id from the URL that is not listed stays chosen. */
export function StaffSelect({ value, staff, isPending, isError, onChange, label = "Staff member", className = "w-44" }: Props) {
  const isUnlisted = value !== "" && !staff.some((s) => s.id === value);
  return (
    <div className={className}>
      <Field label={label} error={isError ? "Staff members could not be loaded" : undefined}>
        <Select value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Anyone</option>
          {isUnlisted ? <option value={value}>{isPending ? "Loading…" : "Unknown staff member"}</option> : null}
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
