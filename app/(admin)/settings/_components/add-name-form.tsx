"use client";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { TRPCClientError } from "@trpc/client";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ZCreateNamedInput } from "@/server/modules/settings/settings.schema";

type Props = {
  /** The input's visible label, e.g. "New category name". */
  label: string;
  /** The button's visible text, e.g. "Add category". */
  submitLabel: string;
  /** Extra words for assistive tech when several such buttons share a page, e.g. " to Bank transfer". */
  submitContext?: string;
  placeholder?: string;
  /** Creates the record and refreshes the lists; rejects with the server's error. */
  onAdd: (name: string) => Promise<unknown>;
  /** The toast after a success. */
  successMessage: (name: string) => string;
};

/** An inline "add" form: one labelled name input, validated like the server, errors beside it. */
export function AddNameForm({ label, submitLabel, submitContext, placeholder, onAdd, successMessage }: Props) {
  const form = useForm({ resolver: zodResolver(ZCreateNamedInput), defaultValues: { name: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ name }) => {
    try {
      await onAdd(name);
      form.reset();
      toast.success(successMessage(name));
    } catch (error) {
      if (!(error instanceof TRPCClientError)) throw error;
      const message = applyServerErrors(error, form.setError, ["name"]);
      if (message) toast.error(message);
    }
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex items-start gap-2">
      <div className="w-full max-w-xs">
        <Field label={label} error={errors.name?.message}>
          <Input maxLength={80} placeholder={placeholder} autoComplete="off" {...form.register("name")} />
        </Field>
      </div>
      {/* Lines the button up with the input under the label. */}
      <Button type="submit" variant="secondary" disabled={isSubmitting} className="mt-5">
        {isSubmitting ? "Adding…" : submitLabel}
        {submitContext ? <span className="sr-only">{submitContext}</span> : null}
      </Button>
    </form>
  );
}
