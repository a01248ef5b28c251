"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

/** Every staff change shows in the list (whatever its filters), and nowhere else on this page. */
export function useInvalidateStaff() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.staff.list.pathFilter());
}
