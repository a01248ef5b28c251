"use client";
import { useMutation } from "@tanstack/react-query";
import type { useTRPC } from "@/components/providers/trpc";
import { EmptyState } from "@/components/ui/states";
import { AddNameForm } from "./add-name-form";
import { RecordLine } from "./record-line";
import { SettingsCard } from "./settings-card";
import { useInvalidateSettings } from "./use-invalidate-settings";

/** create + rename + setActive of one named list (categories, reasons, infrastructures). */
export type NamedListProcedures = ReturnType<typeof useTRPC>["settings"]["categories"];

type Props = {
  title: string;
  description: string;
  /** Singular, lower case: "category", "reason". */
  noun: string;
  records: { id: string; name: string; isActive: boolean }[];
  procedures: NamedListProcedures;
};

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function NamedListCard({ title, description, noun, records, procedures }: Props) {
  const invalidate = useInvalidateSettings();
  const create = useMutation(procedures.create.mutationOptions());

  return (
    <SettingsCard title={title} description={description}>
      {records.length === 0 ? (
        <EmptyState title={`No ${title.toLowerCase()} yet`} className="py-6">
          Add the first one below.
        </EmptyState>
      ) : (
        <ul aria-label={title} className="divide-y divide-slate-100">
          {records.map((record) => (
            <li key={record.id}>
              <RecordLine record={record} procedures={procedures} />
            </li>
          ))}
        </ul>
      )}
      <div className="border-t border-slate-200 px-4 py-3">
        <AddNameForm
          label={`New ${noun} name`}
          submitLabel={`Add ${noun}`}
          onAdd={async (name) => {
            await create.mutateAsync({ name });
            await invalidate();
          }}
          successMessage={(name) => `${capitalize(noun)} “${name}” added`}
        />
      </div>
    </SettingsCard>
  );
}
