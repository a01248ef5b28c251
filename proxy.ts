import { NextResponse, type NextRequest } from "next/server";
import { getToken, type JWT } from "next-auth/jwt";
import { appOrigin, isHttpsOrigin } from "@/server/auth/app-url";
import { sameOriginPath } from "@/server/auth/safe-redirect";
import { sessionCookieFor } from "@/server/auth/session-cookie";
import { decodeSessionToken, encodeSessionToken } from "@/server/auth/session-token";
import { isPastAbsoluteLimit, SESSION_IDLE_SECONDS, SESSION_RENEW_AFTER_SECONDS, staffSessionOf } from "@/server/auth/session-lifetime";
import { securityHeaders } from "@/server/http/security-headers";
import { config as appConfig } from "@/server/config";
import { MISSING_PATH_HEADER } from "@/components/not-found-title";

// Runs on every request but static build files: adds the security headers (with a fresh CSP
// nonce), keeps an active session alive (its cookie expires after 8 idle hours), and sends
// visitors without a session to sign-in. The real check (session version, active staff, role)
// happens in the admin layout and in every tRPC procedure.
export async function proxy(request: NextRequest) {
  const origin = appOrigin();
  const headers = securityHeaders({
    nonce: Buffer.from(crypto.randomUUID()).toString("base64"),
    isHttps: isHttpsOrigin(origin),
    isDev: process.env.NODE_ENV === "development",
  });
  // A path that does not percent-decode (/customers/%ff) names no page; Next.js would fail to
  // decode its params with a bare 500, so it gets the 404 page instead.
  const response = isDecodable(request.nextUrl.pathname)
    ? await answer(request, origin, headers["Content-Security-Policy"]!)
    : NextResponse.rewrite(new URL("/_not-found", request.url), { request: { headers: withMissingPath(withCsp(request, headers["Content-Security-Policy"]!), request) } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Pages a visitor without a session may open: sign-in, the one-time set-password links, the
 * Storefront API's reference (the shop's developers have no staff account), and the favicon (app/icon.svg).
 */
const isPublicPath = (path: string) =>
  path === "/sign-in" || path.startsWith("/set-password/") || path.startsWith("/api/") || path === "/api-docs" || path === "/favicon.ico" || path === "/icon.svg";

async function answer(request: NextRequest, origin: string, csp: string): Promise<NextResponse> {
  const cookie = sessionCookieFor(origin);
  const token = await getToken({ req: request, cookieName: cookie.name, secureCookie: cookie.options.secure, decode: decodeSessionToken });
  const session = staffSessionOf(token);
  const isSignedIn = session !== null && !isPastAbsoluteLimit(session);
  const { pathname, search } = request.nextUrl;

  if (!isSignedIn && !isPublicPath(pathname)) {
    const url = new URL("/sign-in", request.nextUrl);
    const requested = sameOriginPath(`${pathname}${search}`, request.nextUrl.origin);
    if (requested && requested !== "/") url.searchParams.set("callbackUrl", requested);
    return NextResponse.redirect(url);
  }

  const response = NextResponse.next({ request: { headers: withCsp(request, csp) } });
  // next-auth's own routes set or clear this cookie themselves.
  if (isSignedIn && token && !pathname.startsWith("/api/auth/")) await renew(response, token, cookie);
  return response;
}

/** Re-issues the session cookie for another idle period; its claims (sign-in time included) stay. */
async function renew(response: NextResponse, token: JWT, cookie: ReturnType<typeof sessionCookieFor>) {
  const secret = appConfig().NEXTAUTH_SECRET;
  const issuedAt = typeof token.iat === "number" ? token.iat : 0;
  if (!secret || Date.now() / 1000 - issuedAt < SESSION_RENEW_AFTER_SECONDS) return;
  const { sub, sv, sat } = token;
  const value = await encodeSessionToken({ token: { sub, sv, sat }, secret, maxAge: SESSION_IDLE_SECONDS });
  response.cookies.set(cookie.name, value, { ...cookie.options, maxAge: SESSION_IDLE_SECONDS });
}

/** Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders. */
/** Tells the 404 page which address was asked for, so its heading can name the missing thing. */
function withMissingPath(requestHeaders: Headers, request: NextRequest): Headers {
  requestHeaders.set(MISSING_PATH_HEADER, request.nextUrl.pathname);
  return requestHeaders;
}

function withCsp(request: NextRequest, csp: string): Headers {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  return requestHeaders;
}

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
