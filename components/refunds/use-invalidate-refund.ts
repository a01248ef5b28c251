"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useInvalidateCredits } from "@/components/forms/use-invalidate-credits";
import { useTRPC } from "@/components/providers/trpc";
import type { RefundView } from "@/server/modules/refunds/refund-view";

/**
 * After refunds.create: exactly the queries its outcome changed. Every outcome adds a refund; a
 * pending one holds part of the payment; a succeeded one moves the payment's and the customer's
 * refunded totals, may queue a message and, to store credit, adds a credit to the balance.
 */
export function useInvalidateRefund() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidateCredits = useInvalidateCredits();
  return (refund: RefundView) => {
    const { customerId } = refund;
    const tasks: Promise<unknown>[] = [
      queryClient.invalidateQueries(trpc.refunds.list.pathFilter()),
      queryClient.invalidateQueries(trpc.refunds.get.queryFilter({ refundId: refund.id })),
    ];
    if (refund.status !== "FAILED") tasks.push(queryClient.invalidateQueries(trpc.payments.list.queryFilter({ customerId })));
    if (refund.status === "SUCCEEDED") {
      tasks.push(queryClient.invalidateQueries(trpc.customers.summary.queryFilter({ customerId })));
      if (refund.notificationId) tasks.push(queryClient.invalidateQueries(trpc.notifications.list.queryFilter({ customerId })));
      if (refund.type === "STORE_CREDIT") tasks.push(invalidateCredits(customerId));
    }
    return Promise.all(tasks);
  };
}
