"use client";
import { useEffect } from "react";
import { NotifyCustomerField } from "@/components/forms/notify-customer-field";
import { useForm, useWatch } from "react-hook-form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DateInput } from "@/components/ui/date-input";
import { Select, Textarea } from "@/components/ui/select";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { ApprovalNotice } from "@/components/approvals/approval-notice";
import { useApprovalNotice } from "@/components/approvals/use-approval-notice";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useCreditOptions } from "@/components/forms/use-credit-options";
import { useIdempotencyKey } from "@/components/forms/use-idempotency-key";
import { useInvalidateCredits } from "@/components/forms/use-invalidate-credits";
import { endOfDayFromInput, money } from "@/components/money";
import { focusWhenRendered } from "@/components/focus/focus-target";
import { creditRowFocusId } from "./credit-row-focus";
import { isApprovalPending } from "@/server/modules/approvals/approvals.schema";

type Values = { amount: string; currency: string; categoryId: string; memo: string; expiresOn: string; notifyCustomer: boolean };
const FIELDS = ["amount", "currency", "categoryId", "memo", "expiresOn"] as const;
/** The server's names for fields this form calls otherwise. */
const SERVER_NAMES = { expiresAt: "expiresOn" } as const;

type Props = { customerId: string; contact: CustomerContact; open: boolean; onOpenChange: (open: boolean) => void };
type CustomerContact = { phone: string | null; email: string };

/** Guide 002's store credit form: Amount, Currency, Memo (+ category, expiry, notify), then Create. */
export function AddStoreCreditDialog({ customerId, contact, open, onOpenChange }: Props) {
  const trpc = useTRPC();
  const options = useCreditOptions();
  const invalidate = useInvalidateCredits();
  const [idempotencyKey, renewKey, renewKeyAfterRefusal] = useIdempotencyKey();
  const form = useForm<Values>({
    defaultValues: { amount: "", currency: "", categoryId: "", memo: "", expiresOn: "", notifyCustomer: false },
  });
  const { register, handleSubmit, setError, reset, formState } = form;
  const queryClient = useQueryClient();
  const [amountText, currency] = useWatch({ control: form.control, name: ["amount", "currency"] });
  const approvalReason = useApprovalNotice({ kind: "credit", currency, amountText });

  useEffect(() => {
    if (!options.data || form.getValues("currency")) return;
    const goodwill = options.data.categories.find((c) => c.key === "GOODWILL") ?? options.data.categories[0];
    form.setValue("currency", options.data.currencies[0]?.code ?? "");
    form.setValue("categoryId", goodwill?.id ?? "");
  }, [options.data, form]);

  const issue = useMutation(
    trpc.credits.issue.mutationOptions({
      onSuccess: async (result) => {
        renewKey();
        reset({ ...form.getValues(), amount: "", memo: "", expiresOn: "", notifyCustomer: false });
        onOpenChange(false);
        if (isApprovalPending(result)) {
          // Nothing moved yet: a manager decides, and the profile's approvals panel shows it.
          toast.success(`Sent for approval: ${result.approvalRequest.limitReason}`);
          await queryClient.invalidateQueries(trpc.approvals.forCustomer.queryFilter({ customerId }));
          return;
        }
        toast.success(`Store credit of ${money(result)} added`);
        // Focus goes back to the opener on close, then to the new credit's row once the list shows it.
        focusWhenRendered(`[data-focus-id="${creditRowFocusId(result.creditId)}"]`);
        await invalidate(customerId);
      },
      onError: (error) => {
        renewKeyAfterRefusal(error);
        const message = applyServerErrors(error, setError, FIELDS, SERVER_NAMES);
        if (message) toast.error(message);
      },
    }),
  );

  const onSubmit = handleSubmit((values) =>
    issue.mutate({
      idempotencyKey,
      customerId,
      amount: values.amount,
      currency: values.currency,
      categoryId: values.categoryId,
      memo: values.memo,
      expiresAt: endOfDayFromInput(values.expiresOn),
      notifyCustomer: values.notifyCustomer,
    }),
  );

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Add store credit" description="The balance is available to the customer at once.">
      {options.isPending ? (
        <LoadingRows rows={4} label="Loading form" />
      ) : options.isError ? (
        <ErrorState title="The form could not be loaded">{options.error.message}</ErrorState>
      ) : (
        <form onSubmit={onSubmit} className="space-y-3" noValidate>
          <div className="grid grid-cols-[1fr_8rem] gap-3">
            <Field label="Amount" required error={formState.errors.amount?.message}>
              <Input inputMode="decimal" autoComplete="off" {...register("amount", { required: "Enter an amount" })} />
            </Field>
            {options.data.currencies.length > 1 ? (
              <Field label="Currency" required error={formState.errors.currency?.message}>
                <Select {...register("currency")}>
                  {options.data.currencies.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.code}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : (
              <p className="self-end pb-1.5 text-sm text-slate-600">{options.data.currencies[0]?.code}</p>
            )}
          </div>
          <Field label="Category" required error={formState.errors.categoryId?.message}>
            <Select {...register("categoryId")}>
              {options.data.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Memo" hint="Internal note explaining why; the customer never sees it." error={formState.errors.memo?.message}>
            <Textarea rows={2} {...register("memo")} />
          </Field>
          <Field label="Expiry date" hint="Optional. The unused balance expires at the end of this day." error={formState.errors.expiresOn?.message}>
            <DateInput {...register("expiresOn")} />
          </Field>
          <NotifyCustomerField contact={contact} {...register("notifyCustomer")} />
          <ApprovalNotice reason={approvalReason} />
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={issue.isPending}>
              {issue.isPending ? (approvalReason ? "Requesting…" : "Creating…") : approvalReason ? "Request approval" : "Create"}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
