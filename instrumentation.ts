// Next.js calls register() once when a server process starts: the background jobs of the Node.js
// server (credit expiry, refund reconcile, notification delivery, approval expiry) start here and stop with it.
const globalForSchedules = globalThis as typeof globalThis & { creditdeskSchedules?: (() => void)[] };

export async function register() {
  // The Edge runtime has no database; the schedules belong to the Node.js server only.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (globalForSchedules.creditdeskSchedules !== undefined) return;
  // A mistyped variable stops the server here with its name, before anything runs on it.
  const { exitOnBadConfig } = await import("@/server/config");
  exitOnBadConfig();
  // Open the database now: with PGlite this takes its folder's lock for as long as the server runs,
  // so a script started alongside fails at once with a clear message instead of later requests.
  const { getDb } = await import("@/server/db/client");
  if (process.env.NEXT_PHASE !== "phase-production-build") await getDb().catch((error: unknown) => console.error(error instanceof Error ? error.message : error));
  // Each uses the server's own client (getDb), so PGlite's single opener is respected.
  const [{ startCreditExpirySchedule }, { startRefundReconcileSchedule }, { startNotificationDelivery }, { startApprovalExpirySchedule }] = await Promise.all([
    import("@/server/modules/credits/expiry-schedule"),
    import("@/server/modules/refunds/reconcile-schedule"),
    import("@/server/modules/notifications/delivery-schedule"),
    import("@/server/modules/approvals/expiry-schedule"),
  ]);
  const schedules = [startCreditExpirySchedule(), startRefundReconcileSchedule(), startNotificationDelivery(), startApprovalExpirySchedule()];
  const stops = schedules.filter((stop): stop is () => void => stop !== null);
  globalForSchedules.creditdeskSchedules = stops;
  // On SIGTERM no new job run starts while Next.js drains the requests in flight (server/lib/shutdown.ts).
  const { onShutdown } = await import("@/server/lib/shutdown");
  onShutdown(() => stops.forEach((stop) => stop()));
}
