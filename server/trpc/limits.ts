// Client-safe: the browser's batch link sends at most as many calls as the route accepts.
export const MAX_BATCH_CALLS = 20;
export const MAX_BODY_BYTES = 1024 * 1024;
