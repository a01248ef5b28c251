import "server-only";
import { createTRPCRouter, permissionProcedure } from "@/server/trpc/init";
import { ZCreateRoleInput, ZDeleteRoleInput, ZUpdateRoleInput } from "./roles.schema";
import { changeRole, createRole, getPermissionOptions, getRoles, removeRole } from "./roles.service";

const manage = () => permissionProcedure("roles:manage");

export const rolesRouter = createTRPCRouter({
  list: manage().query(({ ctx }) => getRoles(ctx)),
  permissionOptions: manage().query(() => getPermissionOptions()),
  create: manage().input(ZCreateRoleInput).mutation(({ ctx, input }) => createRole(ctx, input)),
  update: manage().input(ZUpdateRoleInput).mutation(({ ctx, input }) => changeRole(ctx, input)),
  delete: manage().input(ZDeleteRoleInput).mutation(({ ctx, input }) => removeRole(ctx, input)),
});
