import "server-only";
import { createTRPCRouter, permissionProcedure, staffProcedure } from "@/server/trpc/init";
import { ZClearMoneyLimitInput, ZSetMoneyLimitInput } from "./limits.schema";
import { clearMoneyLimit, getMoneyLimits, getMyLimits, setMoneyLimit } from "./limits.service";

const manage = () => permissionProcedure("settings:manage");

export const limitsRouter = createTRPCRouter({
  list: manage().query(({ ctx }) => getMoneyLimits(ctx)),
  set: manage().input(ZSetMoneyLimitInput).mutation(({ ctx, input }) => setMoneyLimit(ctx, input)),
  clear: manage().input(ZClearMoneyLimitInput).mutation(({ ctx, input }) => clearMoneyLimit(ctx, input)),
  /** Any signed-in staff member: their own limits and what they used of them today. */
  mine: staffProcedure.query(({ ctx }) => getMyLimits(ctx)),
});
