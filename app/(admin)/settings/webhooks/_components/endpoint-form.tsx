"use client";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, ZCreateWebhookEndpointInput, type WebhookEventType } from "@/server/modules/webhooks/webhooks.schema";

export type EndpointFormValues = { url: string; description: string; events: WebhookEventType[]; isEnabled: boolean };
export const ENDPOINT_FIELDS = ["url", "description", "events"] as const;

const ZEndpointForm = ZCreateWebhookEndpointInput.extend({ isEnabled: z.boolean() });

/** URL, description, the events (checkboxes) and, when editing, whether it is enabled. */
export function EndpointForm(props: {
  defaults: EndpointFormValues;
  isEditing: boolean;
  isSaving: boolean;
  submitLabel: string;
  onSubmit: (values: EndpointFormValues, form: ReturnType<typeof useEndpointForm>) => void;
}) {
  const form = useEndpointForm(props.defaults);
  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => props.onSubmit(values, form))} className="space-y-3 px-4 py-3">
      <Field label="Endpoint URL" required hint="An https:// address on the public internet; it receives a POST per event." error={errors.url?.message}>
        <Input type="url" placeholder="https://shop.example/webhooks/creditdesk" {...form.register("url")} />
      </Field>
      <Field label="Description" error={errors.description?.message}>
        <Input placeholder="Storefront" {...form.register("description")} />
      </Field>
      <fieldset aria-describedby={errors.events ? "endpoint-events-error" : undefined}>
        <legend className="text-xs font-medium text-slate-700">
          Events<span aria-hidden="true" className="text-red-600"> *</span>
        </legend>
        <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-start gap-2 text-sm text-slate-800">
              <input type="checkbox" value={type} className="mt-0.5" {...form.register("events")} />
              <span>
                <code className="text-xs">{type}</code> <span className="text-xs text-slate-500">{WEBHOOK_EVENT_LABELS[type]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.events ? (
          <p id="endpoint-events-error" role="alert" className="mt-1 text-xs text-red-600">
            {errors.events.message}
          </p>
        ) : null}
      </fieldset>
      {props.isEditing ? (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" {...form.register("isEnabled")} />
          Enabled (a disabled endpoint gets no new events)
        </label>
      ) : null}
      <Button type="submit" disabled={props.isSaving}>
        {props.isSaving ? "Saving…" : props.submitLabel}
      </Button>
    </form>
  );
}

export function useEndpointForm(defaults: EndpointFormValues) {
  return useForm<EndpointFormValues>({
    // The client checks shape only; the server's answer (a private address, say) lands on the field.
    resolver: zodResolver(ZEndpointForm) as never,
    values: defaults,
  });
}
