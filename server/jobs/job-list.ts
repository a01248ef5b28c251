// The background jobs, one entry each. A later batch job (webhook delivery, bulk credit)
// is one more entry here: job-queue.ts creates its queue, runs it every period on one
// server at a time and retries it when it throws.
import { config as readConfig, type Config } from "@/server/config";
import type { Db } from "@/server/db/client";
import { expireApprovals } from "@/server/modules/approvals/expire-approvals";
import { runBulkCredits } from "@/server/modules/bulk-credits/run-bulk-credits";
import { expireCredits } from "@/server/modules/credits/expire-credits";
import { expireHolds } from "@/server/modules/holds/expire-holds";
import { deliverDueNotifications } from "@/server/modules/notifications/deliver-notifications";
import { rollupLedger } from "@/server/modules/reports/ledger-rollup";
import { reconcilePendingRefunds } from "@/server/modules/refunds/reconcile-refunds";
import { remindExpiringCredits } from "@/server/modules/credits/remind-expiring-credits";
import { deliverDueWebhooks } from "@/server/modules/webhooks/deliver-webhooks";

export type JobContext = { db: Db; log: (line: string) => void };

export type JobDefinition = {
  /** The queue's name (pgboss.queue.name): lower-case words and dashes. */
  name: string;
  /** How log lines name it. */
  label: string;
  /** How often it runs, from the configuration; 0 turns it off. */
  periodMs: (config: Config) => number;
  /**
   * One run: an idempotent batch, safe to run again after a crash or next to another run. Throws
   * to have the run retried; returns a line worth logging, or null when there was nothing to do.
   */
  run: (ctx: JobContext) => Promise<string | null>;
};

/** Thrown by a run that did part of its work: the queue retries it, and the retry does the rest. */
export class PartialRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PartialRunError";
  }
}

export const JOBS = [
  {
    name: "credit-expiry",
    label: "Credit expiry",
    periodMs: (config) => config.CREDITS_EXPIRE_INTERVAL_MINUTES * 60_000,
    run: async ({ db, log }) => {
      const result = await expireCredits({ db }, { log });
      const line = `${result.expiredCredits} credits expired, ${result.failures} balances failed`;
      // Every balance done is marked processed, so the retry only does the failed ones.
      if (result.failures > 0) throw new PartialRunError(line);
      return result.expiredCredits > 0 ? line : null;
    },
  },
  {
    name: "refund-reconcile",
    label: "Refund reconcile",
    periodMs: (config) => config.REFUNDS_RECONCILE_INTERVAL_SECONDS * 1000,
    run: async ({ db }) => {
      const result = await reconcilePendingRefunds(db);
      return result.checked > 0 ? `${result.succeeded} succeeded, ${result.failed} failed, ${result.stillPending} still pending` : null;
    },
  },
  {
    name: "notification-delivery",
    label: "Notifications",
    periodMs: (config) => config.NOTIFICATIONS_DELIVER_INTERVAL_SECONDS * 1000,
    run: async ({ db, log }) => {
      const result = await deliverDueNotifications(db, { log });
      return result.sent > 0 || result.retried > 0 || result.failed > 0
        ? `${result.sent} sent, ${result.retried} retrying, ${result.failed} failed`
        : null;
    },
  },
  {
    name: "approval-expiry",
    label: "Approval expiry",
    periodMs: (config) => config.APPROVALS_EXPIRE_INTERVAL_MINUTES * 60_000,
    run: async ({ db }) => {
      const { expired } = await expireApprovals({ db });
      return expired > 0 ? `${expired} approval requests expired` : null;
    },
  },
  {
    name: "webhook-delivery",
    label: "Webhooks",
    periodMs: (config) => config.WEBHOOKS_DELIVER_INTERVAL_SECONDS * 1000,
    run: async ({ db, log }) => {
      const result = await deliverDueWebhooks(db, { log });
      return result.delivered > 0 || result.retrying > 0 || result.failed > 0
        ? `${result.delivered} delivered, ${result.retrying} retrying, ${result.failed} failed`
        : null;
    },
  },
  {
    name: "expiry-reminders",
    label: "Expiry reminders",
    periodMs: (config) => config.EXPIRY_REMINDERS_INTERVAL_MINUTES * 60_000,
    run: async ({ db }) => {
      const { reminded } = await remindExpiringCredits({ db });
      return reminded > 0 ? `${reminded} expiry reminders queued` : null;
    },
  },
  {
    name: "hold-expiry",
    label: "Hold expiry",
    periodMs: (config) => config.HOLDS_EXPIRE_INTERVAL_SECONDS * 1000,
    run: async ({ db, log }) => {
      const result = await expireHolds({ db }, { log });
      const line = `${result.expiredHolds} holds expired, ${result.failures} balances failed`;
      // Each balance's holds are closed in their own transaction, so the retry only does the failed ones.
      if (result.failures > 0) throw new PartialRunError(line);
      return result.expiredHolds > 0 ? line : null;
    },
  },
  {
    name: "ledger-rollup",
    label: "Ledger roll-up",
    periodMs: (config) => config.LEDGER_ROLLUP_INTERVAL_MINUTES * 60_000,
    run: async ({ db }) => {
      const result = await rollupLedger(db);
      return result.from ? `hours ${result.from.toISOString()} to ${result.closedThrough?.toISOString()} rolled up (${result.bucketRows} rows)` : null;
    },
  },
  {
    // Takes the open chunks of running bulk batches; a chunk's lease brings back one whose worker died.
    name: "bulk-credit",
    label: "Bulk credit",
    periodMs: (config) => config.BULK_CREDITS_INTERVAL_SECONDS * 1000,
    run: async ({ db }) => {
      const { BULK_CREDITS_PARALLEL, BULK_CREDITS_LEASE_SECONDS } = readConfig();
      const result = await runBulkCredits(db, { parallel: BULK_CREDITS_PARALLEL, leaseSeconds: BULK_CREDITS_LEASE_SECONDS });
      return result.rows > 0 ? `${result.created} credits created, ${result.skipped} skipped, ${result.failed} failed in ${result.chunks} chunks` : null;
    },
  },
] as const satisfies readonly JobDefinition[];

export type JobName = (typeof JOBS)[number]["name"];
