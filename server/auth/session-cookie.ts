import { isHttpsOrigin } from "./app-url";

/**
 * next-auth's session cookie for the app at `origin`: `Secure` (and `__Secure-` named) whenever
 * the public URL is https, so it never travels over plain http. The proxy renews the same cookie.
 */
export function sessionCookieFor(origin: string) {
  const isSecure = isHttpsOrigin(origin);
  return {
    name: `${isSecure ? "__Secure-" : ""}next-auth.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: isSecure },
  };
}
