import { createTRPCRouter, permissionProcedure } from "@/server/trpc/init";
import { listNotifications } from "./notification-queries";
import { ZNotificationListInput } from "./notifications.schema";

export const notificationsRouter = createTRPCRouter({
  list: permissionProcedure("notifications:read").input(ZNotificationListInput).query(({ ctx, input }) => listNotifications(ctx, input)),
});
