import type { NotificationChannel, NotificationStatus } from "@/prisma/generated/enums";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { decodeCursor, encodeCursor } from "@/server/lib/cursor";
import { listNotificationRows } from "./notifications.repo";
import type { NotificationListInput } from "./notifications.schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  let before: { at: Date; id: string } | null = null;
  if (input.cursor) {
    const { at, id } = decodeCursor(input.cursor);
    if (typeof at !== "string" || typeof id !== "string" || !UUID.test(id) || Number.isNaN(Date.parse(at))) {
      throw new AppError("BAD_INPUT", "This page link is no longer valid; start from the first page", "cursor");
    }
    before = { at: new Date(at), id };
  }
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
    nextCursor: rows.length > input.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null,
  };
}
