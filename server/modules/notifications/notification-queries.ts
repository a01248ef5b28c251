import type { NotificationChannel, NotificationStatus } from "@/prisma/generated/enums";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
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

/** A customer's messages, newest first. */
export async function listNotifications(
  _ctx: ServiceContext,
  _input: NotificationListInput,
): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
  throw new AppError("INTERNAL", "Not built yet");
}
