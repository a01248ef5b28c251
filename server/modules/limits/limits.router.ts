import { createTRPCRouter, staffProcedure } from "@/server/trpc/init";
import { getActorLimits } from "./actor-limits";

export const limitsRouter = createTRPCRouter({
  /** The caller's own limits and usage, so dialogs can say "needs approval" before submitting. */
  mine: staffProcedure.query(({ ctx }) => getActorLimits(ctx.db, ctx.actor)),
});
