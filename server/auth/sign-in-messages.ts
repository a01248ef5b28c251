// Client-safe: what the sign-in form shows for next-auth's `error` (the text authorize threw).
const LOCKED = "locked:";

export const lockedError = (retryAfterSeconds: number) => `${LOCKED}${retryAfterSeconds}`;
export const UNAVAILABLE_ERROR = "unavailable";

export function signInErrorMessage(error: string): string {
  if (error.startsWith(LOCKED)) {
    const minutes = Math.max(1, Math.ceil(Number(error.slice(LOCKED.length)) / 60));
    return `Too many attempts; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }
  if (error === UNAVAILABLE_ERROR) return "Signing in is not possible right now; try again in a moment.";
  return "Wrong email or password, or the account is deactivated.";
}
