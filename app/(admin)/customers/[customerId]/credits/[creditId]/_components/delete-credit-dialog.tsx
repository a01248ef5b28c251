"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ReasonSelect } from "@/components/forms/reason-select";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useIdempotencyKey } from "@/components/forms/use-idempotency-key";
import { useInvalidateCredits } from "@/components/forms/use-invalidate-credits";
import { money } from "@/components/money";
import type { CreditView } from "@/server/modules/credits/credits.service";

type Values = { reasonId: string; note: string };

/** Guide 002's Delete: takes the unused balance away for good; the record stays, marked deleted. */
type Props = { credit: CreditView; open: boolean; onOpenChange: (open: boolean) => void; /** Where focus goes once the credit is deleted (its menu goes away); Cancel returns to the menu. */
  focusAfterDelete?: () => HTMLElement | null;
};

export function DeleteCreditDialog({ credit, open, onOpenChange, focusAfterDelete }: Props) {
  const [isDeleted, setIsDeleted] = useState(false);
  const trpc = useTRPC();
  const invalidate = useInvalidateCredits();
  const [idempotencyKey, , renewKeyAfterRefusal] = useIdempotencyKey();
  const { register, handleSubmit, setError, formState } = useForm<Values>({ defaultValues: { reasonId: "", note: "" } });
  const remaining = money({ amountMinor: credit.remainingMinor, currency: credit.currency });

  const remove = useMutation(
    trpc.credits.void.mutationOptions({
      onSuccess: async () => {
        toast.success(`Deleted ${remaining} of store credit`);
        setIsDeleted(true);
        onOpenChange(false);
        await invalidate(credit.customerId);
      },
      onError: (error) => {
        renewKeyAfterRefusal(error);
        const message = applyServerErrors(error, setError, ["reasonId", "note"]);
        if (message) toast.error(message);
      },
    }),
  );

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Delete store credit" returnFocusTo={() => (isDeleted ? focusAfterDelete?.() : null)}>
      <form
        onSubmit={handleSubmit((v) => remove.mutate({ idempotencyKey, creditId: credit.id, reasonId: v.reasonId, note: v.note }))}
        className="space-y-3"
        noValidate
      >
        <p className="text-sm text-slate-700">
          This removes the unused <strong>{remaining}</strong> from the customer’s balance for good. The credit and its
          history stay visible, marked as deleted.
        </p>
        <Field label="Reason" required error={formState.errors.reasonId?.message}>
          <ReasonSelect {...register("reasonId", { required: "Choose why the credit is deleted" })} />
        </Field>
        <Field label="Note" error={formState.errors.note?.message}>
          <Input {...register("note")} />
        </Field>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={remove.isPending}>
            {remove.isPending ? "Deleting…" : `Delete ${remaining}`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
