"use client";
import { useEffect, useRef } from "react";
import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import { Button } from "@/components/ui/button";
import type { ApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { formatMoney } from "@/server/lib/money";
import type { AppRouter } from "@/server/trpc/root";

type SendResult = Exclude<inferRouterOutputs<AppRouter>["credits"]["send"], ApprovalPending>;
export type Sent = { result: SendResult; receiverEmail: string; isRevenue: boolean };

// What the form turns into after a send: the outcome, with its own heading that takes focus.

export function SentPanel({ sent, onSendMore }: { sent: Sent; onSendMore: () => void }) {
  const { result } = sent;
  const money = (minor: bigint) => formatMoney(minor, result.currency);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The submit button this replaces had focus; move it to the outcome instead of losing it.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="space-y-4">
      <div role="status" className="rounded-lg border border-green-200 bg-green-50 p-4">
        <h3 ref={headingRef} tabIndex={-1} className="text-sm font-semibold text-green-900 focus:outline-none">
          Credits sent
        </h3>
        <p className="mt-1 text-sm text-green-900">
          <strong>{money(result.amountMinor)}</strong> to {result.customerName}
          {sent.receiverEmail ? <span className="text-green-800"> ({sent.receiverEmail})</span> : null}.
        </p>
        <dl className="mt-3 space-y-1 text-sm text-slate-700">
          <div className="flex justify-between gap-3">
            <dt>New {result.currency} balance</dt>
            <dd className="font-medium tabular-nums">{money(result.spendableMinor)}</dd>
          </div>
          <div className="flex justify-between gap-3">
            <dt>Earning</dt>
            <dd className="text-right tabular-nums">
              {result.paymentReference
                ? `${money(result.earningMinor)}, payment ${result.paymentReference}${sent.isRevenue ? "" : " (not revenue)"}`
                : "None recorded"}
            </dd>
          </div>
          {result.notificationId ? (
            <div className="flex justify-between gap-3">
              <dt>Customer</dt>
              <dd>Notified</dd>
            </div>
          ) : null}
        </dl>
      </div>
      <div className="flex items-center justify-between gap-2">
        <Link href={result.creditHistoryPath} className="text-sm font-medium text-blue-700 hover:underline">
          Open credit history
        </Link>
        <Button variant="secondary" onClick={onSendMore}>
          Send more
        </Button>
      </div>
    </div>
  );
}

export function RequestedPanel({ limitReason, customerName, onSendMore }: { limitReason: string; customerName: string; onSendMore: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The submit button this replaces had focus; move it to the outcome instead of losing it.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="space-y-4">
      <div role="status" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
        <h3 ref={headingRef} tabIndex={-1} className="font-semibold focus:outline-none">
          Sent for approval
        </h3>
        <p className="mt-1">
          Nothing was sent to {customerName} yet: the amount is {limitReason}. A manager approves or rejects it; follow it in{" "}
          <Link href="/my-requests" className="underline">
            My requests
          </Link>
          .
        </p>
      </div>
      <div className="flex justify-end">
        <Button variant="secondary" onClick={onSendMore}>
          Send more
        </Button>
      </div>
    </div>
  );
}
