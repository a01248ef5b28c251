"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

/** A limit change alters the Settings table and the limits staff of that role see in their dialogs. */
export function useInvalidateLimits() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.limits.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.limits.mine.queryKey() }),
    ]);
}
