// Next.js calls register() once when a server process starts.
const globalForSchedule = globalThis as typeof globalThis & { creditdeskExpirySchedule?: (() => void) | null };

export async function register() {
  // The Edge runtime has no database; the schedule belongs to the Node.js server only.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (globalForSchedule.creditdeskExpirySchedule !== undefined) return;
  const { startCreditExpirySchedule } = await import("@/server/modules/credits/expiry-schedule");
  // Uses the server's own client (getDb), so PGlite's single opener is respected.
  globalForSchedule.creditdeskExpirySchedule = startCreditExpirySchedule();
}
