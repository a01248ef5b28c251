"use client";
import { useEffect, useId, useRef } from "react";
import { Check } from "lucide-react";
import { ApprovalNotice } from "@/components/approvals/approval-notice";
import { useApprovalNotice } from "@/components/approvals/use-approval-notice";
import { notifyChannelOf, refundSentence } from "@/components/refunds/refund-rules";
import { Button } from "@/components/ui/button";
import { DetailList } from "@/components/ui/detail-list";
import { money } from "@/components/money";
import type { RefundReason } from "@/prisma/generated/enums";
import { parseMoney } from "@/server/lib/money";
import { REFUND_REASON_LABELS } from "@/server/modules/refunds/refunds.schema";
import type { CustomerContact, PaymentItem } from "./payment-item";
import type { RefundFormValues } from "./use-refund-form";

type Props = {
  values: RefundFormValues;
  payment: PaymentItem;
  customer: CustomerContact;
  isExecuting: boolean;
  onBack: () => void;
  onExecute: () => void;
};

/** Guide 001 step 10: says exactly what will happen before anything does. */
export function RefundReviewStep({ values, payment, customer, isExecuting, onBack, onExecute }: Props) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The "Review refund" button that had focus is gone; start reading at the sentence.
  useEffect(() => headingRef.current?.focus(), []);
  const approvalReason = useApprovalNotice({ kind: "refund", currency: payment.currency, amountText: values.amount });
  const parsed = parseMoney(values.amount, payment.currency);
  const amountMinor = parsed.ok ? parsed.amountMinor : 0n;
  const inCurrency = (amountMinor: bigint) => money({ amountMinor, currency: payment.currency });
  const contact = notifyChannelOf(customer);
  const reason = values.reason ? REFUND_REASON_LABELS[values.reason as RefundReason] : "—";

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
        {refundSentence({ amountMinor, currency: payment.currency, type: values.type, methodLabel: payment.methodLabel })}
      </h3>
      <div className="rounded-md bg-slate-50">
        <DetailList
          labelWidth="9rem"
          rows={[
            ["Payment", `${payment.reference} · ${money(payment)}${payment.description ? ` · ${payment.description}` : ""}`],
            ["Left to refund after", inCurrency(payment.refundableMinor - amountMinor)],
            ["Reason", values.reason === "OTHER" ? `${reason}: ${values.explanation.trim()}` : reason],
            ["Internal note", values.note.trim() || "—"],
            ["Customer", values.notifyCustomer ? `Notified by ${contact.channel} to ${contact.address}` : "Not notified"],
          ]}
        />
      </div>
      <p className="text-xs text-slate-500">
        {values.type === "STORE_CREDIT"
          ? "The store credit is available to the customer at once."
          : `The payment gateway pays the money back to ${payment.methodLabel}; this cannot be undone.`}
      </p>
      <ApprovalNotice reason={approvalReason} />
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-3">
        <Button variant="secondary" onClick={onBack} disabled={isExecuting}>
          Back
        </Button>
        <Button onClick={onExecute} disabled={isExecuting}>
          <Check aria-hidden="true" className="h-4 w-4" />
          {isExecuting ? (approvalReason ? "Requesting…" : "Executing refund…") : approvalReason ? "Request approval" : "Execute refund"}
        </Button>
      </div>
    </section>
  );
}
