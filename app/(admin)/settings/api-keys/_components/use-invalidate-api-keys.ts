"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

/** The list is the only query a key change touches. */
export function useInvalidateApiKeys() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter());
}
