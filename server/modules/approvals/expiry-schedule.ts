import { config } from "@/server/config";
import { getDb } from "@/server/db/client";
import { startBackgroundJob, type BackgroundJobOptions } from "@/server/lib/background-job";
import { expireApprovals } from "./expire-approvals";

/** Expires undecided approval requests every APPROVALS_EXPIRE_INTERVAL_MINUTES (default 10; 0 turns it off). */
export function startApprovalExpirySchedule(opts: BackgroundJobOptions = {}): (() => void) | null {
  const minutes = config().APPROVALS_EXPIRE_INTERVAL_MINUTES;
  return startBackgroundJob({
    name: "Approval expiry",
    intervalMs: opts.intervalMs ?? minutes * 60_000,
    firstRunDelayMs: opts.firstRunDelayMs ?? 40_000,
    openDb: opts.db ?? getDb,
    log: opts.log ?? console.log,
    job: async (db) => {
      const { expired } = await expireApprovals({ db });
      return expired > 0 ? `${expired} approval requests expired` : null;
    },
  });
}
