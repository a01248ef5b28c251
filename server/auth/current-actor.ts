import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { getDb } from "@/server/db/client";
import { getActiveActor } from "@/server/modules/staff/staff.service";
import type { Actor } from "@/server/lib/service-context";
import { authOptions } from "./auth-options";

export async function getSessionStaffId(): Promise<string | null> {
  const session = (await getServerSession(authOptions)) as { staffId?: string } | null;
  return session?.staffId ?? null;
}

/** The signed-in, active staff member for this request, or null. Cached per request. */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const staffId = await getSessionStaffId();
  return staffId ? getActiveActor(await getDb(), staffId) : null;
});
