import { Prisma } from "@/prisma/generated/client";
import type { NotificationChannel, NotificationStatus } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";
import { columnList } from "@/server/lib/sql-columns";
import { uuid7 } from "@/server/lib/uuid7";
import { channelFor, type NotificationRecipient } from "./notification-channel";

export type { NotificationRecipient };

/**
 * The outbox INSERT: runs in the transaction of the change the message is about, so a message is
 * queued exactly when the change commits. deliver-notifications.ts sends it after commit.
 */
export function notificationInsertSql(opts: { id?: string; recipient: NotificationRecipient; kind: string; body: string }): Prisma.Sql {
  const { channel, address } = channelFor(opts.recipient);
  return Prisma.sql`INSERT INTO notification (id, customer_id, kind, channel, recipient, body)
    VALUES (${opts.id ?? uuid7()}::uuid, ${opts.recipient.customerId}::uuid, ${opts.kind},
            ${channel}::"NotificationChannel", ${address}, ${opts.body})`;
}

export type ClaimedNotification = {
  id: string;
  kind: string;
  channel: NotificationChannel;
  recipient: string;
  body: string;
  /** Counting the try just claimed; the fencing token for recording its result. */
  attempts: number;
};

/**
 * Claims up to `limit` due messages for one worker: counts the try and moves next_attempt_at to
 * `leaseUntil`, in one statement. SKIP LOCKED lets concurrent workers take disjoint rows, and the
 * lease keeps a claimed row from being due again while its send is in flight.
 */
export const claimDueNotifications = (db: DbTx, opts: { now: Date; leaseUntil: Date; limit: number; maxAttempts: number }) =>
  db.$queryRaw<ClaimedNotification[]>`
    UPDATE notification n
    SET attempts = n.attempts + 1, next_attempt_at = ${opts.leaseUntil}
    FROM (
      SELECT id FROM notification
      WHERE status = 'PENDING' AND next_attempt_at <= ${opts.now} AND attempts < ${opts.maxAttempts}
      ORDER BY next_attempt_at, id
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE n.id = due.id
    RETURNING n.id, n.kind, n.channel, n.recipient, n.body, n.attempts`;

/**
 * A message whose last allowed try was claimed but never recorded (the worker died) and whose
 * lease ran out: whether it went out is unknown, and it has no tries left.
 */
export const failAbandonedLastTriesSql = (opts: { now: Date; maxAttempts: number }) =>
  Prisma.sql`UPDATE notification
    SET status = 'FAILED', last_error = 'The last try was interrupted before its result was known'
    WHERE status = 'PENDING' AND next_attempt_at <= ${opts.now} AND attempts >= ${opts.maxAttempts}`;

type Claim = { id: string; attempts: number };

/**
 * The result of a claimed try. Applies only while the claim is still the latest one: after a
 * lease ran out another worker may have claimed the message again, and its result wins.
 */
export const recordNotificationSent = (db: DbTx, claim: Claim, sentAt: Date) =>
  db.$executeRaw`UPDATE notification SET status = 'SENT', sent_at = ${sentAt}
    WHERE id = ${claim.id}::uuid AND status = 'PENDING' AND attempts = ${claim.attempts}`;

export const recordNotificationFailure = (db: DbTx, claim: Claim, failure: { error: string; retryAt: Date | null }) =>
  db.$executeRaw`UPDATE notification
    SET last_error = ${failure.error},
        status = ${failure.retryAt ? "PENDING" : "FAILED"}::"NotificationStatus",
        next_attempt_at = coalesce(${failure.retryAt}::timestamptz, next_attempt_at)
    WHERE id = ${claim.id}::uuid AND status = 'PENDING' AND attempts = ${claim.attempts}`;

/** A message as the customer's Notifications list shows it. */
export type NotificationRecord = {
  id: string;
  kind: string;
  channel: NotificationChannel;
  recipient: string;
  body: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
};

const NOTIFICATION_SELECT = columnList<NotificationRecord>({ notification: "notification" }, {
  id: "id",
  kind: "kind",
  channel: "channel",
  recipient: "recipient",
  body: "body",
  status: "status",
  attempts: "attempts",
  lastError: "last_error",
  createdAt: "created_at",
  sentAt: "sent_at",
  nextAttemptAt: "next_attempt_at",
});

/** Newest first, keyset on (created_at, id). */
export const listNotificationRecords = (db: DbTx, opts: { customerId: string; before: { at: Date; id: string } | null; limit: number }) =>
  db.$queryRaw<NotificationRecord[]>`
    SELECT ${NOTIFICATION_SELECT}
    FROM notification
    WHERE customer_id = ${opts.customerId}::uuid
      ${opts.before ? Prisma.sql`AND (created_at, id) < (${opts.before.at}::timestamptz, ${opts.before.id}::uuid)` : Prisma.empty}
    ORDER BY created_at DESC, id DESC
    LIMIT ${opts.limit}`;
