import { TRPCClientError } from "@trpc/client";

/** True for a tRPC answer that means the session is gone (expired, signed out elsewhere, deactivated). */
export function isSignedOutError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data = (error as TRPCClientError<never>).data as { code?: string; httpStatus?: number } | undefined;
  return data?.code === "UNAUTHORIZED" || data?.httpStatus === 401;
}

/** Where to send a signed-out browser: sign-in, coming back to this page afterwards. */
export function signInPathFor(location: { pathname: string; search: string }): string {
  const back = `${location.pathname}${location.search}`;
  return back && back !== "/" ? `/sign-in?callbackUrl=${encodeURIComponent(back)}` : "/sign-in";
}

let isRedirecting = false;

/**
 * A click that only calls the server (a dialog's Save, a row's Approve) has no page navigation for
 * the proxy to redirect: when its answer says the session is gone, go to sign-in like a page would.
 */
export function redirectIfSignedOut(error: unknown): void {
  if (typeof window === "undefined" || isRedirecting || !isSignedOutError(error)) return;
  isRedirecting = true;
  window.location.assign(signInPathFor(window.location));
}
