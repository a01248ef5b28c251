// The webhook delivery job (server/jobs/job-list.ts "webhook-delivery"): sends due deliveries,
// signed, after the events' transactions committed, and records each answer.
import { config } from "@/server/config";
import type { Db } from "@/server/db/client";
import { webhookRetryDelayMs } from "./delivery-policy";
import { sendWebhook } from "./send-webhook";
import { claimDueDeliveries, failExpiredDeliveriesSql, recordDeliveryFailure, recordDeliverySuccess, type ClaimedDelivery } from "./webhooks.repo";

export const DEFAULT_WEBHOOK_BATCH = 100;
/** Requests in flight at once: a batch of 100 with 10 s timeouts ends in under 2 minutes, inside the lease. */
const SENDS_AT_ONCE = 10;
/** How long a claimed delivery stays someone's beyond its own timeout before another worker may take it. */
const LEASE_MARGIN_MS = 5 * 60_000;

export type WebhookDeliveryOptions = {
  /** The clock for due times, backoff and delivered_at; tests move it forward. */
  now?: Date;
  limit?: number;
  timeoutMs?: number;
  allowPrivate?: boolean;
  log?: (line: string) => void;
};

export type WebhookDeliveryResult = { delivered: number; retrying: number; failed: number };

/**
 * One run: claims due PENDING deliveries (a short statement of its own), POSTs each with a
 * timeout outside any transaction, and records DELIVERED, a retry with backoff, or FAILED once
 * the 3-day window is over. Safe to run on several servers at once (SKIP LOCKED claims, results
 * fenced by the try count); a worker that dies mid-run leaves its deliveries due when the lease ends.
 */
export async function deliverDueWebhooks(db: Db, opts: WebhookDeliveryOptions = {}): Promise<WebhookDeliveryResult> {
  const settings = config();
  const timeoutMs = opts.timeoutMs ?? settings.WEBHOOKS_TIMEOUT_MS;
  const allowPrivate = opts.allowPrivate ?? settings.WEBHOOKS_ALLOW_PRIVATE === 1;
  const clock = () => opts.now ?? new Date();
  const log = opts.log ?? console.error;

  const now = clock();
  const [, claimed] = await db.$transaction([
    db.$executeRaw(failExpiredDeliveriesSql(now)),
    claimDueDeliveries(db, { now, leaseUntil: new Date(now.getTime() + timeoutMs + LEASE_MARGIN_MS), limit: opts.limit ?? DEFAULT_WEBHOOK_BATCH }),
  ]);

  const result: WebhookDeliveryResult = { delivered: 0, retrying: 0, failed: 0 };
  const queue = [...claimed];
  const sendQueued = async () => {
    for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
      try {
        result[await deliverOne(db, delivery, { timeoutMs, allowPrivate, clock })] += 1;
      } catch (error) {
        // Recording failed: the lease brings the delivery back, so this run moves on.
        log(`Webhook delivery ${delivery.id}: could not record the result: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SENDS_AT_ONCE, queue.length) }, sendQueued));
  return result;
}

async function deliverOne(
  db: Db,
  delivery: ClaimedDelivery,
  opts: { timeoutMs: number; allowPrivate: boolean; clock: () => Date },
): Promise<keyof WebhookDeliveryResult> {
  const outcome = await sendWebhook(
    // The signature's timestamp is the real time of the try (receivers refuse old ones), whatever the clock.
    { url: delivery.url, secret: delivery.secret, messageId: delivery.eventId, payload: delivery.payload, timestamp: new Date() },
    { timeoutMs: opts.timeoutMs, allowPrivate: opts.allowPrivate },
  );
  const at = opts.clock();
  if (outcome.error === null) {
    await recordDeliverySuccess(db, delivery, outcome, at);
    return "delivered";
  }
  const retryAt = new Date(at.getTime() + webhookRetryDelayMs(delivery.attempts));
  await recordDeliveryFailure(db, delivery, outcome, retryAt);
  return retryAt > delivery.retryUntil ? "failed" : "retrying";
}
