"use client";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { EmptyState } from "@/components/ui/states";
import { ZAddCurrencyInput } from "@/server/modules/settings/settings.schema";
import type { SettingsList } from "./settings-sections";
import { SettingsCard } from "./settings-card";
import { StatusBadge } from "./status-badge";
import { useInvalidateLimits } from "./use-invalidate-limits";
import { useInvalidateSettings } from "./use-invalidate-settings";

type Currency = SettingsList["currencies"][number];

export function CurrenciesCard({ currencies }: { currencies: Currency[] }) {
  return (
    <SettingsCard
      title="Currencies"
      description="Credit can be given in enabled currencies. Disabled ones keep their balances, which can still be spent or removed."
    >
      {currencies.length === 0 ? (
        <EmptyState title="No currencies yet" className="py-6">
          Add the store’s currency below.
        </EmptyState>
      ) : (
        <ul aria-label="Currencies" className="divide-y divide-slate-100">
          {currencies.map((currency) => (
            <li key={currency.code}>
              <CurrencyLine currency={currency} />
            </li>
          ))}
        </ul>
      )}
      <div className="border-t border-slate-200 px-4 py-3">
        <AddCurrencyForm />
      </div>
    </SettingsCard>
  );
}

function CurrencyLine({ currency }: { currency: Currency }) {
  const trpc = useTRPC();
  const invalidateSettings = useInvalidateSettings();
  const invalidateLimits = useInvalidateLimits();
  // The money-limits table lists the enabled currencies too.
  const invalidate = () => Promise.all([invalidateSettings(), invalidateLimits()]);
  const setEnabled = useMutation(
    trpc.settings.currencies.setEnabled.mutationOptions({
      onSuccess: async (result) => {
        await invalidate();
        toast.success(`${result.code} ${result.isEnabled ? "enabled" : "disabled"}`);
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <div className="flex items-center justify-between gap-3 px-4 py-2">
      <div className="flex min-w-0 items-center gap-2">
        <span className="w-10 text-sm font-medium text-slate-900 tabular-nums">{currency.code}</span>
        <span className="truncate text-sm text-slate-600">{currency.name}</span>
        <StatusBadge isOn={currency.isEnabled} on="Enabled" off="Disabled" />
      </div>
      <Button
        variant="secondary"
        size="sm"
        disabled={setEnabled.isPending}
        onClick={() => setEnabled.mutate({ code: currency.code, isEnabled: !currency.isEnabled })}
      >
        {currency.isEnabled ? "Disable" : "Enable"}
        <span className="sr-only"> {currency.code}</span>
      </Button>
    </div>
  );
}

function AddCurrencyForm() {
  const trpc = useTRPC();
  const invalidateSettings = useInvalidateSettings();
  const invalidateLimits = useInvalidateLimits();
  const invalidate = () => Promise.all([invalidateSettings(), invalidateLimits()]);
  const form = useForm({ resolver: zodResolver(ZAddCurrencyInput), defaultValues: { code: "" } });
  const { errors } = form.formState;
  const add = useMutation(
    trpc.settings.currencies.add.mutationOptions({
      onSuccess: async (result) => {
        await invalidate();
        form.reset();
        toast.success(`${result.code} added and enabled`);
      },
      onError: (error) => {
        const message = applyServerErrors(error, form.setError, ["code"]);
        if (message) toast.error(message);
      },
    }),
  );

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => add.mutate(values))} className="flex items-start gap-2">
      <div className="w-32">
        <Field label="Currency code" error={errors.code?.message}>
          <Input maxLength={3} placeholder="CAD" autoComplete="off" className="uppercase" {...form.register("code")} />
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={add.isPending} className="mt-5">
        {add.isPending ? "Adding…" : "Add currency"}
      </Button>
    </form>
  );
}
