"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

/** A settings change alters exactly two queries: this page's list and the options the credit forms offer. */
export function useInvalidateSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.settings.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.settings.options.queryKey() }),
    ]);
}
