import { createTRPCRouter, permissionProcedure, staffProcedure } from "@/server/trpc/init";
import { changeStaffRole, deactivateStaff, reactivateStaff } from "./change-staff-access";
import { getRoleOptions, getStaffList } from "./staff.service";
import { ZChangeStaffRoleInput, ZStaffIdInput } from "./staff.schema";

const manage = permissionProcedure("staff:manage");

export const staffRouter = createTRPCRouter({
  /** The signed-in staff member, for the top bar and for hiding what the role cannot do. */
  me: staffProcedure.query(({ ctx }) => ctx.actor),
  list: manage.query(({ ctx }) => getStaffList(ctx.db)),
  roleOptions: manage.query(({ ctx }) => getRoleOptions(ctx.db)),
  changeRole: manage.input(ZChangeStaffRoleInput).mutation(({ ctx, input }) => changeStaffRole(ctx, input)),
  deactivate: manage.input(ZStaffIdInput).mutation(({ ctx, input }) => deactivateStaff(ctx, input)),
  reactivate: manage.input(ZStaffIdInput).mutation(({ ctx, input }) => reactivateStaff(ctx, input)),
});
