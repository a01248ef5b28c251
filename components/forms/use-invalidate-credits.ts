"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

/** After a credit mutation: exactly the queries that show balances, credits or their history. */
export function useInvalidateCredits() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (customerId: string) =>
    Promise.all([
      queryClient.invalidateQueries(trpc.customers.summary.queryFilter({ customerId })),
      queryClient.invalidateQueries(trpc.credits.list.pathFilter()),
      queryClient.invalidateQueries(trpc.credits.history.pathFilter()),
      queryClient.invalidateQueries(trpc.credits.get.pathFilter()),
    ]);
}
