import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getDb } from "@/server/db/client";
import { getActiveActor } from "@/server/modules/staff/staff.service";
import type { Actor } from "@/server/lib/service-context";
import { appOrigin } from "./app-url";
import { sessionCookieFor } from "./session-cookie";
import { decodeSessionToken } from "./session-token";
import { staffSessionOf, type StaffSession } from "./session-lifetime";

/**
 * The request's session as its cookie states it (decoded, not renewed: the proxy renews it);
 * getActiveActor decides whether it still holds.
 */
export async function getStaffSession(): Promise<StaffSession | null> {
  const cookie = sessionCookieFor(appOrigin());
  const req = { cookies: await cookies(), headers: await headers() } as unknown as NextRequest;
  return staffSessionOf(await getToken({ req, cookieName: cookie.name, secureCookie: cookie.options.secure, decode: decodeSessionToken }));
}

/** The signed-in, active staff member for this request, or null. Cached per request. */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await getStaffSession();
  return session ? getActiveActor(await getDb(), session) : null;
});
