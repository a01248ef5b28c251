import "server-only";
import { createTRPCRouter, permissionProcedure } from "@/server/trpc/init";
import { ZCustomerHoldsInput } from "./holds.schema";
import { listHolds } from "./holds.service";

export const holdsRouter = createTRPCRouter({
  list: permissionProcedure("credits:read").input(ZCustomerHoldsInput).query(({ ctx, input }) => listHolds(ctx, input)),
});
