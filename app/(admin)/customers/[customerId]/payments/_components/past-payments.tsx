"use client";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { useDates } from "@/components/format";
import { money } from "@/components/money";
import { useUrlState } from "@/components/use-url-state";
import { CreateRefundDialog } from "./create-refund-dialog";
import { PaymentActionsMenu } from "./payment-actions-menu";
import type { CustomerContact, PaymentItem } from "./payment-item";
import { PaymentStatusBadges } from "./payment-status";
import { CursorPager } from "@/components/ui/cursor-pager";

const PENDING_REFRESH_MS = 30_000;

/** Guide 001's Past payments: newest first, each with what is left to refund and its three-dot menu. */
export function PastPayments({ customer }: { customer: CustomerContact }) {
  const { formatDateTime } = useDates();
  const trpc = useTRPC();
  const { params, set } = useUrlState();
  const cursor = params.get("cursor");
  const payments = useQuery({
    ...trpc.payments.list.queryOptions({ customerId: customer.id, cursor, limit: 25 }),
    placeholderData: keepPreviousData,
    // Reconcile settles refunds the gateway did not answer for within a minute or two; show it.
    refetchInterval: (query) => (query.state.data?.items.some((p) => p.pendingRefundMinor > 0n) ? PENDING_REFRESH_MS : false),
  });
  const [refunding, setRefunding] = useState<PaymentItem | null>(null);

  return (
    <Card aria-labelledby="past-payments">
      <CardHeader>
        <CardTitle id="past-payments">Past payments</CardTitle>
      </CardHeader>
      {payments.isPending ? (
        <LoadingRows label="Loading payments" />
      ) : payments.isError ? (
        <ErrorState title="Payments could not be loaded">{payments.error.message}</ErrorState>
      ) : payments.data.items.length === 0 ? (
        <EmptyState title="No payments">Payments this customer makes will be listed here.</EmptyState>
      ) : (
        <>
          <Table aria-label="Past payments">
            <thead>
              <tr>
                <Th>Payment</Th>
                <Th>Captured</Th>
                <Th>Method</Th>
                <Th>Gateway</Th>
                <Th className="text-right">Amount</Th>
                <Th className="text-right">Refundable</Th>
                <Th>Status</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {payments.data.items.map((p) => (
                <tr key={p.id}>
                  <Td>
                    <span className="block font-medium whitespace-nowrap tabular-nums">{p.reference}</span>
                    {p.description ? <span className="block text-xs text-slate-500">{p.description}</span> : null}
                  </Td>
                  <Td className="whitespace-nowrap">{formatDateTime(p.capturedAt)}</Td>
                  <Td className="whitespace-nowrap">{p.methodLabel}</Td>
                  <Td>{p.gatewayName ?? p.infrastructureName ?? "—"}</Td>
                  <Td className="text-right tabular-nums">{money(p)}</Td>
                  <Td className="text-right tabular-nums">
                    <span className="block font-medium">{money({ amountMinor: p.refundableMinor, currency: p.currency })}</span>
                    {p.pendingRefundMinor > 0n ? (
                      <span className="block text-xs text-slate-500">{money({ amountMinor: p.pendingRefundMinor, currency: p.currency })} pending</span>
                    ) : null}
                  </Td>
                  <Td>
                    <PaymentStatusBadges status={p.status} hasPendingRefund={p.pendingRefundMinor > 0n} />
                  </Td>
                  <Td className="w-10 text-right">
                    <PaymentActionsMenu payment={p} onCreateRefund={setRefunding} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <CursorPager cursor={cursor} nextCursor={payments.data.nextCursor} onPage={(next) => set({ cursor: next })} />
        </>
      )}
      <CreateRefundDialog payment={refunding} customer={customer} onClose={() => setRefunding(null)} />
    </Card>
  );
}
