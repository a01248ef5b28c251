"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

/** Currencies, categories, reasons and payment methods the credit forms offer. */
export function useCreditOptions() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.settings.options.queryOptions(), staleTime: 5 * 60_000 });
}
