"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { notifyChannelOf } from "@/components/refunds/refund-rules";
import { Button } from "@/components/ui/button";
import { DetailList } from "@/components/ui/detail-list";
import { money } from "@/components/money";
import type { CreateRefundResult } from "@/server/modules/refunds/refund-view";
import type { CustomerContact } from "./payment-item";

type Props = { result: CreateRefundResult; customer: CustomerContact; onClose: () => void };

/** Guide 001 step 11: what the gateway (or the ledger) answered, in words. */
export function RefundOutcome({ result, customer, onClose }: Props) {
  const { refund } = result;
  const amount = money(refund);
  const left = money({ amountMinor: result.payment.refundableMinor, currency: refund.currency });

  if (refund.status === "SUCCEEDED") {
    return (
      <Outcome heading="Success!" tone="green" live="status" action="Continue" onAction={onClose}>
        <p>
          <strong>{amount}</strong> refunded to {refund.destination}.
        </p>
        <DetailList
          labelWidth="8rem"
          rows={[
            ["Amount", amount],
            ["Destination", refund.destination],
            ["Reference", refund.reference],
            ["Payment", refund.paymentReference],
            ["Left to refund", left],
          ]}
        />
        {refund.notificationId ? <p>The customer will be notified by {notifyChannelOf(customer).channel}.</p> : null}
      </Outcome>
    );
  }
  if (refund.status === "FAILED") {
    return (
      <Outcome heading="Refund declined" tone="red" live="alert" action="Close" onAction={onClose}>
        <p>{refund.failureReason ?? "The payment gateway declined the refund."}</p>
        <p>
          Nothing was refunded: {refund.paymentReference} still has {left} to refund. You can try again, for example to store credit.
        </p>
      </Outcome>
    );
  }
  return (
    <Outcome heading="Refund pending" tone="amber" live="status" action="Close" onAction={onClose}>
      <p>
        The payment gateway has not answered yet. The refund of <strong>{amount}</strong> to {refund.destination} ({refund.reference}) is
        recorded and its amount held on the payment; it will be settled automatically once the gateway answers.
      </p>
      {refund.notifyCustomer ? <p>The customer will be notified when it goes through.</p> : null}
    </Outcome>
  );
}

/** The answer when the refund is above the caller's limit: filed for a manager, nothing refunded. */
export function RefundRequested({ limitReason, onClose }: { limitReason: string; onClose: () => void }) {
  return (
    <Outcome heading="Sent for approval" tone="amber" live="status" action="Close" onAction={onClose}>
      <p>Nothing was refunded yet: the amount is {limitReason}. A manager approves or rejects it; follow it in My requests.</p>
    </Outcome>
  );
}

const TONES = {
  green: "border-green-200 bg-green-50 text-green-900",
  red: "border-red-200 bg-red-50 text-red-900",
  amber: "border-amber-200 bg-amber-50 text-amber-900",
} as const;

type OutcomeProps = {
  heading: string;
  tone: keyof typeof TONES;
  live: "status" | "alert";
  action: string;
  onAction: () => void;
  children: ReactNode;
};

function Outcome({ heading, tone, live, action, onAction, children }: OutcomeProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The Execute button that had focus is gone; move focus to the answer.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div role={live} className={`space-y-2 rounded-lg border p-4 text-sm ${TONES[tone]}`}>
        <h3 id={headingId} ref={headingRef} tabIndex={-1} className="text-base font-semibold focus:outline-none">
          {heading}
        </h3>
        {children}
      </div>
      <div className="flex justify-end">
        <Button onClick={onAction}>{action}</Button>
      </div>
    </section>
  );
}
