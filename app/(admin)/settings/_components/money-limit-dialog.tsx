"use client";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { MoneyInput } from "@/components/forms/money-input";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/select";
import { LIMIT_FIELDS, type MoneyLimitListRow } from "@/server/modules/limits/limits.schema";
import { useInvalidateLimits } from "./use-invalidate-limits";
import { useMoneyLimitForm } from "./use-money-limit-form";

type Props = { row: MoneyLimitListRow; onClose: () => void };

/** Edit one role's limits in one currency, or remove them (after a confirmation saying what that means). */
export function MoneyLimitDialog({ row, onClose }: Props) {
  const [isConfirmingRemove, setIsConfirmingRemove] = useState(false);
  const title = `${row.roleName} limits in ${row.currency}`;
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())} title={isConfirmingRemove ? `Remove ${title}?` : title}>
      {isConfirmingRemove ? (
        <RemoveConfirmation row={row} onCancel={() => setIsConfirmingRemove(false)} onRemoved={onClose} />
      ) : (
        <LimitForm row={row} onClose={onClose} onRemove={() => setIsConfirmingRemove(true)} />
      )}
    </Dialog>
  );
}

function LimitForm({ row, onClose, onRemove }: Props & { onRemove: () => void }) {
  const { form, onSubmit, isSaving } = useMoneyLimitForm(row, onClose);
  const { errors } = form.formState;
  const values = form.watch();
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-3">
      <p className="text-sm text-slate-600">
        Amounts in {row.currency}. Above a limit the action waits for a manager’s approval; 0 sends every amount for approval.
      </p>
      {LIMIT_FIELDS.map(({ field, label }) => {
        const isUnlimited = values[field].isUnlimited;
        return (
          <div key={field} className="grid grid-cols-[1fr_auto] items-start gap-3">
            <Field label={label} error={errors[field]?.amount?.message}>
              <MoneyInput
                currency={row.currency}
                disabled={isUnlimited}
                placeholder={isUnlimited ? "No limit" : "0.00"}
                {...form.register(`${field}.amount`)}
              />
            </Field>
            <Checkbox
              label="No limit"
              aria-label={`No limit: ${label}`}
              className="mt-6"
              {...form.register(`${field}.isUnlimited`, { onChange: () => form.clearErrors(`${field}.amount`) })}
            />
          </div>
        );
      })}
      <div className="flex flex-wrap items-center justify-between gap-2 pt-2">
        {row.limit ? (
          <Button variant="ghost" className="text-red-700" onClick={onRemove} disabled={isSaving}>
            Remove limits for this currency
          </Button>
        ) : (
          <span />
        )}
        <div className="flex gap-2">
          <Button variant="secondary" onClick={onClose} disabled={isSaving}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSaving}>
            {isSaving ? "Saving…" : "Save limits"}
          </Button>
        </div>
      </div>
    </form>
  );
}

function RemoveConfirmation({ row, onCancel, onRemoved }: { row: MoneyLimitListRow; onCancel: () => void; onRemoved: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateLimits();
  const clear = useMutation(
    trpc.limits.clear.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        toast.success(`Removed ${row.roleName}’s ${row.currency} limits`);
        onRemoved();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Without limits in {row.currency}, <strong>every</strong> {row.currency} amount a {row.roleName} staff member adds, refunds or sets
        needs a manager’s approval. To let them act without approval, keep limits and tick “No limit” instead.
      </p>
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onCancel} disabled={clear.isPending}>
          Keep limits
        </Button>
        <Button variant="danger" disabled={clear.isPending} onClick={() => clear.mutate({ roleKey: row.roleKey, currency: row.currency })}>
          {clear.isPending ? "Removing…" : "Remove limits"}
        </Button>
      </div>
    </div>
  );
}
