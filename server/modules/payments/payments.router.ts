import "server-only";
import { createTRPCRouter, lagTolerant, permissionProcedure } from "@/server/trpc/init";
import { ZPaymentListInput } from "./payments.schema";
import { listPayments } from "./payments.service";

export const paymentsRouter = createTRPCRouter({
  list: permissionProcedure("payments:read").use(lagTolerant).input(ZPaymentListInput).query(({ ctx, input }) => listPayments(ctx, input)),
});
