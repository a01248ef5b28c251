import "server-only";
import { createTRPCRouter, permissionProcedure, publicProcedure, staffProcedure } from "@/server/trpc/init";
import { ZAddStaffInput, ZChangeStaffRoleInput, ZPasswordLinkInput, ZSetPasswordInput, ZStaffIdInput, ZStaffListInput } from "./staff.schema";
import {
  addStaffMember,
  changeStaffRole,
  deactivateStaff,
  getPasswordLink,
  getRoleOptions,
  getStaffList,
  reactivateStaff,
  resetStaffPassword,
  setPasswordWithLink,
} from "./staff.service";

const manage = permissionProcedure("staff:manage");

export const staffRouter = createTRPCRouter({
  /** The signed-in staff member, for the top bar and for hiding what the role cannot do. */
  me: staffProcedure.query(({ ctx }) => ctx.actor),
  list: manage.input(ZStaffListInput).query(({ ctx, input }) => getStaffList(ctx.db, input ?? {})),
  roleOptions: manage.query(({ ctx }) => getRoleOptions(ctx.db)),
  create: manage.input(ZAddStaffInput).mutation(({ ctx, input }) => addStaffMember(ctx, input)),
  resetPassword: manage.input(ZStaffIdInput).mutation(({ ctx, input }) => resetStaffPassword(ctx, input)),
  changeRole: manage.input(ZChangeStaffRoleInput).mutation(({ ctx, input }) => changeStaffRole(ctx, input)),
  deactivate: manage.input(ZStaffIdInput).mutation(({ ctx, input }) => deactivateStaff(ctx, input)),
  reactivate: manage.input(ZStaffIdInput).mutation(({ ctx, input }) => reactivateStaff(ctx, input)),
  /** Signed out: the set-password page asks whom its link is for. */
  passwordLink: publicProcedure.input(ZPasswordLinkInput).query(({ ctx, input }) => getPasswordLink(ctx.db, input.token, ctx.request ?? null)),
  setPassword: publicProcedure.input(ZSetPasswordInput).mutation(({ ctx, input }) => setPasswordWithLink(ctx.db, input, ctx.request ?? null)),
});
