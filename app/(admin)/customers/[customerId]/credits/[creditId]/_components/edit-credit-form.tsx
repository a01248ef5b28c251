"use client";
import { useEffect, useRef } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { format } from "date-fns";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DateInput } from "@/components/ui/date-input";
import { Select, Textarea } from "@/components/ui/select";
import { ApprovalNotice } from "@/components/approvals/approval-notice";
import { useApprovalNotice } from "@/components/approvals/use-approval-notice";
import { ReasonSelect } from "@/components/forms/reason-select";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useCreditOptions } from "@/components/forms/use-credit-options";
import { useIdempotencyKey } from "@/components/forms/use-idempotency-key";
import { useInvalidateCredits } from "@/components/forms/use-invalidate-credits";
import { endOfDayFromInput, money } from "@/components/money";
import { toDecimalString } from "@/server/lib/money";
import { isApprovalPending } from "@/server/modules/approvals/approvals.schema";
import type { CreditView } from "@/server/modules/credits/credits.service";

type Values = { amount: string; categoryId: string; memo: string; expiresOn: string; reasonId: string; note: string };
const FIELDS = ["amount", "categoryId", "memo", "reasonId", "note", "expiresOn"] as const;
/** The server's names for fields this form calls otherwise; the shown amount and currency belong to Amount. */
const SERVER_NAMES = { expiresAt: "expiresOn", expectedAmount: "amount", currency: "amount" } as const;

/** Memo, category and expiry change freely; a new amount needs a reason and becomes an adjustment. */
export function EditCreditForm({ credit, onDone }: { credit: CreditView; onDone: () => void }) {
  const trpc = useTRPC();
  const options = useCreditOptions();
  const invalidate = useInvalidateCredits();
  const [idempotencyKey, , renewKeyAfterRefusal] = useIdempotencyKey();
  const originalAmount = toDecimalString(credit.amountMinor, credit.currency);
  const { register, handleSubmit, control, getValues, setValue, setError, formState } = useForm<Values>({
    defaultValues: {
      amount: originalAmount,
      categoryId: credit.category.id,
      memo: credit.memo ?? "",
      expiresOn: credit.expiresAt ? format(credit.expiresAt, "yyyy-MM-dd") : "",
      reasonId: "",
      note: "",
    },
  });
  const queryClient = useQueryClient();
  const amountText = useWatch({ control, name: "amount" });
  const isAmountChanged = amountText.trim() !== originalAmount;
  // Only a raise counts against the limit: it issues the difference.
  const approvalReason = useApprovalNotice({ kind: "credit", currency: credit.currency, amountText, fromMinor: credit.amountMinor });
  // A reloaded credit (another agent changed it) replaces the amount only while it is untouched,
  // so an unchanged field never sends the old amount back.
  const shownAmount = useRef(originalAmount);
  useEffect(() => {
    if (getValues("amount").trim() === shownAmount.current) setValue("amount", originalAmount);
    shownAmount.current = originalAmount;
  }, [originalAmount, getValues, setValue]);

  const update = useMutation(
    trpc.credits.update.mutationOptions({
      onSuccess: async (result) => {
        if (isApprovalPending(result)) {
          toast.success(`Sent for approval: ${result.approvalRequest.limitReason}`);
          await queryClient.invalidateQueries(trpc.approvals.forCustomer.queryFilter({ customerId: credit.customerId }));
        } else {
          toast.success("Store credit updated");
        }
        await invalidate(credit.customerId);
        onDone();
      },
      onError: async (error) => {
        renewKeyAfterRefusal(error);
        const message = applyServerErrors(error, setError, FIELDS, SERVER_NAMES);
        if (message) toast.error(message);
        // Someone changed the credit meanwhile: reload it, keeping what was typed.
        if (error.data?.code === "CONFLICT") await invalidate(credit.customerId);
      },
    }),
  );

  const onSubmit = handleSubmit((v) => {
    const originalExpiry = credit.expiresAt ? format(credit.expiresAt, "yyyy-MM-dd") : "";
    update.mutate({
      idempotencyKey,
      creditId: credit.id,
      memo: v.memo,
      categoryId: v.categoryId,
      // Only a changed expiry is sent: an unchanged past date would fail the "in the future" rule.
      ...(v.expiresOn !== originalExpiry ? { expiresAt: endOfDayFromInput(v.expiresOn) } : {}),
      ...(isAmountChanged ? { amount: v.amount, expectedAmount: originalAmount, currency: credit.currency, reasonId: v.reasonId, note: v.note } : {}),
    });
  });

  return (
    <form onSubmit={onSubmit} className="space-y-3 px-4 py-3" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label={`Amount (${credit.currency})`}
          hint={`Now ${money(credit)}; at least the ${money({ amountMinor: credit.usedMinor, currency: credit.currency })} already used.`}
          error={formState.errors.amount?.message}
        >
          <Input inputMode="decimal" autoComplete="off" {...register("amount")} />
        </Field>
        <Field label="Category" error={formState.errors.categoryId?.message}>
          <Select {...register("categoryId")}>
            {(options.data?.categories ?? [credit.category]).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        {isAmountChanged ? (
          <>
            <Field label="Reason" required error={formState.errors.reasonId?.message}>
              <ReasonSelect {...register("reasonId", { required: "Choose why the amount changes" })} />
            </Field>
            <Field label="Note" error={formState.errors.note?.message}>
              <Input {...register("note")} />
            </Field>
          </>
        ) : null}
        <Field label="Expiry date" hint="Leave empty for no expiry." error={formState.errors.expiresOn?.message}>
          <DateInput {...register("expiresOn")} />
        </Field>
      </div>
      <Field label="Memo" error={formState.errors.memo?.message}>
        <Textarea rows={2} {...register("memo")} />
      </Field>
      <ApprovalNotice reason={approvalReason} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Updating…" : approvalReason ? "Request approval" : "Update"}
        </Button>
      </div>
    </form>
  );
}
