/** What a tRPC client error carries that tells a refusal from an unknown outcome. */
export type AnsweredError = {
  data?: { httpStatus?: number; appCode?: string | null; fieldErrors?: Record<string, unknown> | null } | null;
};

/**
 * Whether the server answered this attempt with a refusal, which it keeps under the key: the same
 * key would get the same refusal again, so the next attempt needs a new one. Unknown outcomes
 * (network, 5xx) keep the key, and so does a key already used for other input, which may guard an
 * earlier attempt that went through.
 */
export function isRefusedForGood(error: AnsweredError): boolean {
  const status = error.data?.httpStatus;
  if (status === undefined || status < 400 || status >= 500) return false;
  return error.data?.appCode !== "IDEMPOTENCY_MISMATCH" && !error.data?.fieldErrors?.idempotencyKey;
}
