"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { ZSetExpiryRemindersInput, type SetExpiryRemindersInput } from "@/server/modules/settings/settings.schema";
import { SettingsCard } from "./settings-card";

/** Expiry reminders: off by default; when on, each credit gets one SMS/email some days before it expires. */
export function ExpiryRemindersCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setting = useQuery(trpc.settings.expiryReminders.queryOptions());
  const form = useForm<SetExpiryRemindersInput>({ resolver: zodResolver(ZSetExpiryRemindersInput), values: setting.data ?? { isOn: false, days: 7 } });
  const { errors } = form.formState;
  const save = useMutation(
    trpc.settings.setExpiryReminders.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.settings.expiryReminders.queryKey() });
        toast.success(result.isOn ? `Expiry reminders on: ${result.days} days before a credit expires` : "Expiry reminders off");
      },
      onError: (error) => {
        const message = applyServerErrors(error, form.setError, ["isOn", "days"]);
        if (message) toast.error(message);
      },
    }),
  );

  return (
    <SettingsCard
      title="Expiry reminders"
      description="Each store credit with unused balance gets one message (SMS to the phone, else email) this many days before it expires, shown on the customer's Notifications tab, and a credit.expiring webhook event."
    >
      {setting.isPending ? (
        <LoadingRows rows={2} label="Loading expiry reminders" />
      ) : setting.isError ? (
        <ErrorState title="Expiry reminders could not be loaded">{setting.error.message}</ErrorState>
      ) : (
        <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))} className="flex flex-wrap items-start gap-3 px-4 py-3">
          <label className="mt-6 flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" {...form.register("isOn")} />
            Send expiry reminders
          </label>
          <div className="w-36">
            <Field label="Days before expiry" error={errors.days?.message}>
              <Input type="number" min={1} max={365} inputMode="numeric" {...form.register("days", { valueAsNumber: true })} />
            </Field>
          </div>
          <Button type="submit" variant="secondary" disabled={save.isPending} className="mt-5">
            {save.isPending ? "Saving…" : "Save expiry reminders"}
          </Button>
        </form>
      )}
    </SettingsCard>
  );
}
