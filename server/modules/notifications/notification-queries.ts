import type { NotificationChannel, NotificationStatus } from "@/prisma/generated/enums";
import type { ServiceContext } from "@/server/lib/service-context";
import { decodeTimeIdCursor, encodeTimeIdCursor } from "@/server/lib/cursor";
import { listNotificationRows } from "./notifications.repo";
import type { NotificationListInput } from "./notifications.schema";

export type NotificationView = {
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

/** A customer's messages, newest first, keyset-paged on (createdAt, id). */
export async function listNotifications(
  { db }: ServiceContext,
  input: NotificationListInput,
): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
  const before = decodeTimeIdCursor(input.cursor);
  const rows = await listNotificationRows(db, { customerId: input.customerId, before, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      kind: row.kind,
      channel: row.channel,
      recipient: row.recipient,
      body: row.body,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      nextAttemptAt: row.next_attempt_at,
    })),
    nextCursor: rows.length > input.limit && last ? encodeTimeIdCursor({ at: last.created_at, id: last.id }) : null,
  };
}
