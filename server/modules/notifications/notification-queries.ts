import type { ServiceContext } from "@/server/lib/service-context";
import { createdAtPosition, cursorPage, timeIdCursor } from "@/server/lib/pager";
import { listNotificationRecords, type NotificationRecord } from "./notifications.repo";
import type { NotificationListInput } from "./notifications.schema";

export type NotificationView = NotificationRecord;

/** A customer's messages, newest first, keyset-paged on (createdAt, id). */
export async function listNotifications(
  { db }: ServiceContext,
  input: NotificationListInput,
): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
  return cursorPage({
    cursor: input.cursor,
    limit: input.limit,
    codec: timeIdCursor,
    fetch: (before, limit) => listNotificationRecords(db, { customerId: input.customerId, before, limit }),
    positionOf: createdAtPosition,
  });
}
