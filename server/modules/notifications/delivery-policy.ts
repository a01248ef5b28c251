// How hard delivery tries. Client-safe: the Notifications tab shows "try 2 of 5" from the same numbers.

/** Tries per message, counting the first; after the last failed one the message is FAILED. */
export const MAX_ATTEMPTS = 5;

const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** The wait after failed try number `attempts` (1-based): 30 s, 1 min, 2 min, 4 min… capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

/**
 * How long a claimed message is reserved for the worker sending it. A worker that dies between
 * sending and recording leaves the message due again after this, so it is never lost (it may be
 * sent twice: delivery is at least once, and every send carries the message id for deduplication).
 * Longer than a batch can take: providers time out after 10 s and a batch sends a few at a time.
 */
export const LEASE_MS = 5 * 60_000;
