import { z } from "zod";
import { ZCursor } from "@/server/lib/zod-fields";

export const ZNotificationListInput = z.object({
  customerId: z.uuid("Choose a customer"),
  cursor: ZCursor,
  limit: z.number().int().min(1).max(100).default(50),
});
export type NotificationListInput = z.output<typeof ZNotificationListInput>;
