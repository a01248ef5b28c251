import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/layout/app-shell";
import { ActorProvider } from "@/components/providers/actor-context";
import { getCurrentActor } from "@/server/auth/current-actor";
import { SIGN_IN_PATH } from "@/server/auth/auth-options";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await getCurrentActor();
  if (!actor) redirect(SIGN_IN_PATH);
  return (
    <ActorProvider actor={actor}>
      <AppShell>{children}</AppShell>
    </ActorProvider>
  );
}
