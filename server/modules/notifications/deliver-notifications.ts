import type { NotificationChannel } from "@/prisma/generated/enums";
import type { Db } from "@/server/db/client";
import { LEASE_MS, MAX_ATTEMPTS, retryDelayMs } from "./delivery-policy";
import { claimDueNotifications, failAbandonedLastTriesSql, recordNotificationFailure, recordNotificationSent, type ClaimedNotification } from "./notifications.repo";
import type { NotificationProvider } from "./providers/notification-provider";
import { providerFor } from "./providers/provider-for";

export const DEFAULT_DELIVERY_BATCH = 100;
/** Sends in flight at once: a batch of 100 with 10 s timeouts ends in under 4 minutes, inside the lease. */
const SENDS_AT_ONCE = 5;
const LONGEST_ERROR = 500;

type DeliveryOptions = {
  /** The clock for due times, backoff and sent_at; tests move it forward. */
  now?: Date;
  limit?: number;
  /** Per channel; channels not given use the environment's provider (providerFor). */
  providers?: Partial<Record<NotificationChannel, NotificationProvider>>;
  log?: (line: string) => void;
};

export type DeliveryResult = { sent: number; failed: number; retried: number };

/**
 * One delivery run over the outbox: claims due PENDING messages (a short transaction, see
 * claimDueNotifications), then sends each and records SENT, a retry with backoff, or FAILED after
 * MAX_ATTEMPTS tries. Sends happen outside any transaction. Safe to run from several processes at
 * once; a worker that dies mid-run leaves its messages due again when their lease ends.
 */
export async function deliverDueNotifications(db: Db, opts: DeliveryOptions = {}): Promise<DeliveryResult> {
  const clock = () => opts.now ?? new Date();
  const log = opts.log ?? console.error;
  // Resolved before claiming, so a configuration error costs no message a try.
  const providers: Record<NotificationChannel, NotificationProvider> = {
    SMS: opts.providers?.SMS ?? providerFor("SMS"),
    EMAIL: opts.providers?.EMAIL ?? providerFor("EMAIL"),
  };

  const now = clock();
  const [, claimed] = await db.$transaction([
    db.$executeRaw(failAbandonedLastTriesSql({ now, maxAttempts: MAX_ATTEMPTS })),
    claimDueNotifications(db, { now, leaseUntil: new Date(now.getTime() + LEASE_MS), limit: opts.limit ?? DEFAULT_DELIVERY_BATCH, maxAttempts: MAX_ATTEMPTS }),
  ]);

  const result: DeliveryResult = { sent: 0, failed: 0, retried: 0 };
  const queue = [...claimed];
  const sendQueued = async () => {
    for (let message = queue.shift(); message; message = queue.shift()) {
      try {
        result[await deliverOne(db, providers[message.channel], message, clock)] += 1;
      } catch (error) {
        // Recording failed: the lease brings the message back, so this run just moves on.
        log(`Notification ${message.id}: could not record the result: ${errorText(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SENDS_AT_ONCE, queue.length) }, sendQueued));
  return result;
}

async function deliverOne(db: Db, provider: NotificationProvider, message: ClaimedNotification, clock: () => Date): Promise<keyof DeliveryResult> {
  try {
    await provider.send({ id: message.id, channel: message.channel, kind: message.kind, recipient: message.recipient, body: message.body });
  } catch (error) {
    const isLastTry = message.attempts >= MAX_ATTEMPTS;
    const retryAt = isLastTry ? null : new Date(clock().getTime() + retryDelayMs(message.attempts));
    await recordNotificationFailure(db, message, { error: errorText(error), retryAt });
    return isLastTry ? "failed" : "retried";
  }
  await recordNotificationSent(db, message, clock());
  return "sent";
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > LONGEST_ERROR ? `${text.slice(0, LONGEST_ERROR - 1)}…` : text;
}
