import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/server/db/client";
import { endStaffSessions, getActiveActor } from "@/server/modules/staff/staff.service";
import { signInStaff } from "@/server/modules/staff/sign-in";
import { appOrigin } from "./app-url";
import { clientIpOf } from "./client-ip";
import { sameOriginPath } from "./safe-redirect";
import { sessionCookieFor } from "./session-cookie";
import { decodeSessionToken, encodeSessionToken } from "./session-token";
import { isPastAbsoluteLimit, SESSION_IDLE_SECONDS, staffSessionOf } from "./session-lifetime";
import { lockedError, UNAVAILABLE_ERROR } from "./sign-in-messages";

export const SIGN_IN_PATH = "/sign-in";

type SignedInUser = User & { sessionVersion: number };

// The session carries the staff id, the staff row's session version and the sign-in time; role
// and active status are read from the database on every request (see getActiveActor), so a
// change, or a sign-out anywhere, applies on the next request.
export function buildAuthOptions(origin: string): NextAuthOptions {
  const sessionCookie = sessionCookieFor(origin);
  return {
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    useSecureCookies: sessionCookie.options.secure,
    cookies: { sessionToken: sessionCookie },
    pages: { signIn: SIGN_IN_PATH },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          if (!credentials?.email || !credentials.password) return null;
          const headers = (req.headers ?? {}) as Record<string, string | undefined>;
          let result;
          try {
            result = await signInStaff(await getDb(), {
              email: credentials.email,
              password: credentials.password,
              ip: clientIpOf(headers["x-forwarded-for"]),
              userAgent: headers["user-agent"] ?? "",
            });
          } catch (error) {
            // next-auth puts a thrown message in the redirect URL: never a database's text.
            console.error("Sign-in failed:", error);
            throw new Error(UNAVAILABLE_ERROR);
          }
          if (result.ok) {
            const user: SignedInUser = { id: result.staffId, sessionVersion: result.sessionVersion };
            return user;
          }
          if (result.retryAfterSeconds !== null) throw new Error(lockedError(result.retryAfterSeconds));
          return null;
        },
      }),
    ],
    callbacks: {
      // Runs at sign-in and when /api/auth/session renews the cookie (pages read the cookie
      // directly, see getStaffSession): an ended session is emptied instead of renewed.
      async jwt({ token, user }) {
        if (user) {
          return { sub: user.id, sv: (user as SignedInUser).sessionVersion, sat: Math.floor(Date.now() / 1000) };
        }
        const session = staffSessionOf(token);
        if (!session || isPastAbsoluteLimit(session)) return {};
        if (!(await getActiveActor(await getDb(), session))) return {};
        return { sub: session.staffId, sv: session.sessionVersion, sat: session.signedInAt };
      },
      session({ session, token }) {
        return { expires: session.expires, staff: staffSessionOf(token) } as unknown as typeof session;
      },
      redirect({ url, baseUrl }) {
        const origin = new URL(baseUrl).origin;
        // Anything off the app lands on the dashboard, as a sign-in without a callbackUrl does.
        return `${origin}${sameOriginPath(url, origin) ?? "/"}`;
      },
    },
    events: {
      async signOut({ token }) {
        const session = staffSessionOf(token);
        if (session) await endStaffSessions(await getDb(), session);
      },
    },
  };
}

export const authOptions = buildAuthOptions(appOrigin());
