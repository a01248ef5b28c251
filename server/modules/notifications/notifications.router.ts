import "server-only";
import { createTRPCRouter, permissionProcedure } from "@/server/trpc/init";
import { ZNotificationListInput } from "./notifications.schema";
import { listNotifications } from "./notifications.service";

export const notificationsRouter = createTRPCRouter({
  list: permissionProcedure("notifications:read").input(ZNotificationListInput).query(({ ctx, input }) => listNotifications(ctx, input)),
});
