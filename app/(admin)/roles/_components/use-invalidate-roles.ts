"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

/** A role change alters the roles list, the roles the Staff page offers, and the money-limits table's rows. */
export function useInvalidateRoles() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.roles.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.staff.roleOptions.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.limits.list.queryKey() }),
    ]);
}
