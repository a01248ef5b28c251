// When a failed webhook try is retried: exponential backoff, 10 s after the first try, then four
// times longer each time up to 12 hours between tries, for 3 days after the event (or a Resend);
// then the delivery is FAILED. Tries: 10 s, 40 s, 2.7 min, 11 min, 43 min, 2.8 h, 11.4 h, then
// every 12 h: about 12 tries in all.
export const RETRY_WINDOW_MS = 3 * 86_400_000;
const FIRST_RETRY_MS = 10_000;
const LONGEST_WAIT_MS = 12 * 3_600_000;

/** The wait after the `attempts`-th failed try. */
export const webhookRetryDelayMs = (attempts: number) => Math.min(FIRST_RETRY_MS * 4 ** Math.max(0, attempts - 1), LONGEST_WAIT_MS);
