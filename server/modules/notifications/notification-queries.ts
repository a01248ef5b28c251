import type { ServiceContext } from "@/server/lib/service-context";
import { decodeTimeIdCursor, encodeTimeIdCursor } from "@/server/lib/cursor";
import { listNotificationRecords, type NotificationRecord } from "./notifications.repo";
import type { NotificationListInput } from "./notifications.schema";

export type NotificationView = NotificationRecord;

/** A customer's messages, newest first, keyset-paged on (createdAt, id). */
export async function listNotifications(
  { db }: ServiceContext,
  input: NotificationListInput,
): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
  const before = decodeTimeIdCursor(input.cursor);
  const rows = await listNotificationRecords(db, { customerId: input.customerId, before, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > input.limit && last ? encodeTimeIdCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
