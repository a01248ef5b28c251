"use client";
import { NotifyCustomerField } from "@/components/forms/notify-customer-field";
import { useWatch, type UseFormReturn } from "react-hook-form";
import { ApprovalNotice } from "@/components/approvals/approval-notice";
import { useApprovalNotice } from "@/components/approvals/use-approval-notice";
import { MoneyInput } from "@/components/forms/money-input";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select, Textarea } from "@/components/ui/select";
import { money } from "@/components/money";
import { toDecimalString } from "@/server/lib/money";
import { REFUND_REASON_LABELS, REFUND_REASONS, REFUND_TYPE_LABELS } from "@/server/modules/refunds/refunds.schema";
import type { CustomerContact, PaymentItem } from "./payment-item";
import type { RefundFormValues } from "./use-refund-form";
import { LabelOptions } from "@/components/ui/label-options";

type Props = {
  form: UseFormReturn<RefundFormValues>;
  payment: PaymentItem;
  customer: CustomerContact;
  hidden: boolean;
  onCancel: () => void;
  onReview: () => void;
};

/** Guide 001 step 9: Type, Amount (empty, or "Refund all"), Reason (and the rest), then "Review refund". */
export function RefundFormStep({ form, payment, customer, hidden, onCancel, onReview }: Props) {
  const { register, formState } = form;
  const { errors } = formState;
  const [reason, amountText] = useWatch({ control: form.control, name: ["reason", "amount"] });
  const approvalReason = useApprovalNotice({ kind: "refund", currency: payment.currency, amountText });
  const refundable = money({ amountMinor: payment.refundableMinor, currency: payment.currency });

  return (
    // Kept mounted behind the review step, so Back returns to the values and server errors land on their fields.
    <form hidden={hidden} noValidate onSubmit={form.handleSubmit(onReview)} className="space-y-3">
      <Field label="Type" required error={errors.type?.message}>
        <Select aria-required {...register("type")}>
          {payment.refundTypes.map((type) => (
            <option key={type} value={type}>
              {REFUND_TYPE_LABELS[type]}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <Field label="Amount" required error={errors.amount?.message} hint={`Up to ${refundable}, what is left to refund.`}>
            <MoneyInput currency={payment.currency} aria-required {...register("amount")} />
          </Field>
        </div>
        <Button
          variant="secondary"
          className="mt-5"
          onClick={() =>
            form.setValue("amount", toDecimalString(payment.refundableMinor, payment.currency), { shouldDirty: true, shouldValidate: formState.isSubmitted })
          }
        >
          Refund all ({refundable})
        </Button>
      </div>
      <Field label="Reason" required error={errors.reason?.message}>
        <Select aria-required {...register("reason")}>
          <option value="">Choose a reason…</option>
          <LabelOptions values={REFUND_REASONS} labels={REFUND_REASON_LABELS} />
        </Select>
      </Field>
      {reason === "OTHER" ? (
        <Field label="Explanation" required error={errors.explanation?.message} hint="Staff only; the customer never sees it.">
          <Textarea rows={2} maxLength={500} aria-required {...register("explanation")} />
        </Field>
      ) : null}
      <Field label="Internal note" error={errors.note?.message} hint="Optional; staff only.">
        <Textarea rows={2} maxLength={500} {...register("note")} />
      </Field>
      <NotifyCustomerField contact={customer} {...register("notifyCustomer")} />
      <ApprovalNotice reason={approvalReason} />
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-3">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit">Review refund</Button>
      </div>
    </form>
  );
}
