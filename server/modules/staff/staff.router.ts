import { createTRPCRouter, permissionProcedure, staffProcedure } from "@/server/trpc/init";
import { getStaffList } from "./staff.service";

export const staffRouter = createTRPCRouter({
  /** The signed-in staff member, for the top bar and for hiding what the role cannot do. */
  me: staffProcedure.query(({ ctx }) => ctx.actor),
  list: permissionProcedure("staff:manage").query(({ ctx }) => getStaffList(ctx.db)),
});
