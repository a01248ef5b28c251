"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { Permission } from "@/server/auth/permissions";
import type { Actor } from "@/server/lib/service-context";

const ActorContext = createContext<Actor | null>(null);

export function ActorProvider({ actor, children }: { actor: Actor; children: ReactNode }) {
  return <ActorContext.Provider value={actor}>{children}</ActorContext.Provider>;
}

export function useActor(): Actor {
  const actor = useContext(ActorContext);
  if (!actor) throw new Error("useActor must be used inside the admin layout");
  return actor;
}

/** For hiding what the role cannot do; the server enforces the same table regardless. */
export function useCan(permission: Permission): boolean {
  return useActor().permissions.includes(permission);
}
