"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useDateStyle } from "@/components/format";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { DATE_STYLE_LABELS, DATE_STYLES, formatDate } from "@/server/lib/dates";
import { ZSetDateStyleInput } from "@/server/modules/settings/settings.schema";
import { SettingsCard } from "./settings-card";

/** The store's date style: every page, date field and customer message written afterwards follows it. */
export function DateStyleCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const current = useDateStyle();
  const form = useForm({ resolver: zodResolver(ZSetDateStyleInput), values: { dateStyle: current } });
  const { errors } = form.formState;
  const save = useMutation(
    trpc.settings.setDateStyle.mutationOptions({
      onSuccess: async (result) => {
        // Client pages read the style from settings.store; server-rendered parts on their next render.
        await queryClient.invalidateQueries({ queryKey: trpc.settings.store.queryKey() });
        router.refresh();
        toast.success(`Date style saved: dates now read like ${formatDate(new Date(Date.UTC(2027, 0, 15)), { style: result.dateStyle, timeZone: "UTC" })}`);
      },
      onError: (error) => {
        const message = applyServerErrors(error, form.setError, ["dateStyle"]);
        if (message) toast.error(message);
      },
    }),
  );

  return (
    <SettingsCard
      title="Date style"
      description="How every page, date field and customer message writes dates. Messages already sent keep their text."
    >
      <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))} className="flex items-start gap-2 px-4 py-3">
        <div className="min-w-0 flex-1">
          <Field label="Date style" hint="Customer messages give times in UTC; pages in the reader's own time zone." error={errors.dateStyle?.message}>
            <Select {...form.register("dateStyle")}>
              {DATE_STYLES.map((style) => (
                <option key={style} value={style}>
                  {DATE_STYLE_LABELS[style]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Button type="submit" variant="secondary" disabled={save.isPending} className="mt-5">
          {save.isPending ? "Saving…" : "Save date style"}
        </Button>
      </form>
    </SettingsCard>
  );
}
