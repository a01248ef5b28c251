"use client";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { endOfDayFromInput } from "@/components/money";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { DateInput } from "@/components/ui/date-input";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { API_SCOPE_LABELS, API_SCOPES, type ApiScope } from "@/server/modules/api-keys/api-keys.schema";
import { NewSecretPanel } from "./new-secret-panel";
import { useInvalidateApiKeys } from "./use-invalidate-api-keys";

type Form = { name: string; scopes: ApiScope[]; expiresOn: string };
const FIELDS = ["name", "scopes", "expiresOn"] as const;

/** "New API key": a name, its scopes and an optional expiry; then its secret, this one time. */
export function CreateApiKeyDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateApiKeys();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const form = useForm<Form>({ defaultValues: { name: "", scopes: [], expiresOn: "" } });
  const { errors } = form.formState;
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: async ({ key, secret }) => {
        setCreated({ name: key.name, secret });
        toast.success(`API key “${key.name}” created`);
        await invalidate();
      },
      onError: (error) => {
        const message = applyServerErrors(error, form.setError, FIELDS, { expiresAt: "expiresOn" });
        if (message) toast.error(message);
      },
    }),
  );
  const onSubmit = form.handleSubmit((values) => create.mutate({ name: values.name, scopes: values.scopes, expiresAt: endOfDayFromInput(values.expiresOn) }));

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={created ? `API key “${created.name}”` : "New API key"}
      description={created ? "Copy the key now: it is shown only this once. Creditdesk keeps only a hash of it." : "What the key is for and what it may do."}
    >
      {created ? (
        <NewSecretPanel secret={created.secret} onDone={onClose} />
      ) : (
        <form noValidate onSubmit={onSubmit} className="space-y-3">
          <Field label="Name" required hint="E.g. “Shop checkout” or “ERP sync”." error={errors.name?.message}>
            <Input maxLength={100} autoComplete="off" {...form.register("name")} />
          </Field>
          <fieldset aria-describedby={errors.scopes ? "api-key-scopes-error" : undefined}>
            <legend className="text-xs font-medium text-slate-700">Scopes</legend>
            <ul className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200">
              {API_SCOPES.map((scope) => (
                <li key={scope}>
                  <label className="flex items-start gap-2 px-3 py-1.5 text-sm text-slate-800">
                    <input type="checkbox" value={scope} className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-blue-600" {...form.register("scopes")} />
                    <span>
                      {API_SCOPE_LABELS[scope]} <code className="text-xs text-slate-500">{scope}</code>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            {errors.scopes ? (
              <p id="api-key-scopes-error" role="alert" className="mt-1 text-xs text-red-600">
                {errors.scopes.message}
              </p>
            ) : null}
          </fieldset>
          <Field label="Expiry date" hint="Optional. The key is refused after the end of this day." error={errors.expiresOn?.message}>
            <DateInput {...form.register("expiresOn")} />
          </Field>
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={onClose} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create API key"}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
