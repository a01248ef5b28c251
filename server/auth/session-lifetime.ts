/** A session ends after this long without a request (the cookie's JWT expires; each request renews it). */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;
/** ...and this long after sign-in, however active (the token carries its sign-in time). */
export const SESSION_ABSOLUTE_SECONDS = 24 * 60 * 60;
/** How old a session cookie may get before a request re-issues it; fewer Set-Cookie headers. */
export const SESSION_RENEW_AFTER_SECONDS = 5 * 60;

/** What a session proves, as the token carries it; checked against the staff row on every request. */
export type StaffSession = {
  staffId: string;
  /** The staff row's session version at sign-in. */
  sessionVersion: number;
  /** Epoch seconds. */
  signedInAt: number;
};

export const isPastAbsoluteLimit = (session: Pick<StaffSession, "signedInAt">, nowMs = Date.now()) =>
  nowMs / 1000 - session.signedInAt >= SESSION_ABSOLUTE_SECONDS;

/** The session in a decoded next-auth token, or null when the token lacks or mistypes a claim. */
export function staffSessionOf(token: Record<string, unknown> | null | undefined): StaffSession | null {
  const { sub, sv, sat } = token ?? {};
  if (typeof sub !== "string" || typeof sv !== "number" || typeof sat !== "number") return null;
  return { staffId: sub, sessionVersion: sv, signedInAt: sat };
}
