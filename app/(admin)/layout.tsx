import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/layout/app-shell";
import { ActorProvider } from "@/components/providers/actor-context";
import { DateStyleProvider } from "@/components/providers/date-style-context";
import { getCurrentActor } from "@/server/auth/current-actor";
import { SIGN_IN_PATH } from "@/server/auth/auth-options";
import { getServerCaller } from "@/server/trpc/rsc";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await getCurrentActor();
  if (!actor) redirect(SIGN_IN_PATH);
  const { dateStyle } = await (await getServerCaller()).settings.store();
  return (
    <ActorProvider actor={actor}>
      <DateStyleProvider dateStyle={dateStyle}>
        <AppShell>{children}</AppShell>
      </DateStyleProvider>
    </ActorProvider>
  );
}
