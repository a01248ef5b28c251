"use client";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { EmptyState } from "@/components/ui/states";
import { AddNameForm } from "./add-name-form";
import { RecordLine } from "./record-line";
import type { SettingsList } from "./settings-sections";
import { SettingsCard } from "./settings-card";
import { useInvalidateSettings } from "./use-invalidate-settings";

type Infrastructure = SettingsList["infrastructures"][number];

/** Payment infrastructures, each with its payment methods; Send credits offers the active pairs. */
export function InfrastructuresCard({ infrastructures }: { infrastructures: Infrastructure[] }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateSettings();
  const create = useMutation(trpc.settings.infrastructures.create.mutationOptions());

  return (
    <SettingsCard
      title="Payment infrastructures"
      description="Where a manually recorded payment came from, and its payment methods. Send credits offers the active ones."
    >
      {infrastructures.length === 0 ? (
        <EmptyState title="No payment infrastructures yet" className="py-6">
          Add the first one below, then its payment methods.
        </EmptyState>
      ) : (
        <ul aria-label="Payment infrastructures" className="divide-y divide-slate-200">
          {infrastructures.map((infrastructure) => (
            <li key={infrastructure.id} className="pb-3">
              <InfrastructureBlock infrastructure={infrastructure} />
            </li>
          ))}
        </ul>
      )}
      <div className="border-t border-slate-200 px-4 py-3">
        <AddNameForm
          label="New infrastructure name"
          submitLabel="Add infrastructure"
          onAdd={async (name) => {
            await create.mutateAsync({ name });
            await invalidate();
          }}
          successMessage={(name) => `Payment infrastructure “${name}” added`}
        />
      </div>
    </SettingsCard>
  );
}

function InfrastructureBlock({ infrastructure }: { infrastructure: Infrastructure }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateSettings();
  const createMethod = useMutation(trpc.settings.methods.create.mutationOptions());
  const { methods } = infrastructure;

  return (
    <>
      <RecordLine
        record={infrastructure}
        procedures={trpc.settings.infrastructures}
        className="bg-slate-50/60"
        detail={
          infrastructure.isActive ? null : <span className="text-xs text-slate-500">its methods are hidden from the forms</span>
        }
      />
      <div className="ml-4 border-l border-slate-200">
        {methods.length === 0 ? (
          <p className="px-4 py-2 text-xs text-slate-500">No payment methods yet.</p>
        ) : (
          <ul aria-label={`${infrastructure.name} payment methods`} className="divide-y divide-slate-100">
            {methods.map((method) => (
              <li key={method.id}>
                <RecordLine record={method} procedures={trpc.settings.methods} />
              </li>
            ))}
          </ul>
        )}
        <div className="px-4 pt-1">
          <AddNameForm
            label={`New payment method for ${infrastructure.name}`}
            submitLabel="Add method"
            submitContext={` to ${infrastructure.name}`}
            onAdd={async (name) => {
              await createMethod.mutateAsync({ infrastructureId: infrastructure.id, name });
              await invalidate();
            }}
            successMessage={(name) => `Payment method “${name}” added to ${infrastructure.name}`}
          />
        </div>
      </div>
    </>
  );
}
