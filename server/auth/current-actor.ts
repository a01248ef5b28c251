import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { getDb } from "@/server/db/client";
import { getActiveActor } from "@/server/modules/staff/staff.service";
import type { Actor } from "@/server/lib/service-context";
import { authOptions } from "./auth-options";
import type { StaffSession } from "./session-lifetime";

/** The request's session as its cookie states it; getActiveActor decides whether it still holds. */
export async function getStaffSession(): Promise<StaffSession | null> {
  const session = (await getServerSession(authOptions)) as { staff?: StaffSession | null } | null;
  return session?.staff ?? null;
}

/** The signed-in, active staff member for this request, or null. Cached per request. */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await getStaffSession();
  return session ? getActiveActor(await getDb(), session) : null;
});
