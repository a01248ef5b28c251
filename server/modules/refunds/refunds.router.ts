import "server-only";
import { createTRPCRouter, permissionProcedure } from "@/server/trpc/init";
import { ZCreateRefundInput, ZRefundCsvInput, ZRefundIdInput, ZRefundListInput } from "./refunds.schema";
import { createRefund, getRefund, getRefundFilterOptions, getRefundsCsv, listRefunds } from "./refunds.service";

export const refundsRouter = createTRPCRouter({
  create: permissionProcedure("refunds:create").input(ZCreateRefundInput).mutation(({ ctx, input }) => createRefund(ctx, input)),
  get: permissionProcedure("refunds:read").input(ZRefundIdInput).query(({ ctx, input }) => getRefund(ctx, input.refundId)),
  list: permissionProcedure("refunds:read").input(ZRefundListInput).query(({ ctx, input }) => listRefunds(ctx, input)),
  csv: permissionProcedure("refunds:read").input(ZRefundCsvInput).query(({ ctx, input }) => getRefundsCsv(ctx, input)),
  filterOptions: permissionProcedure("refunds:read").query(({ ctx }) => getRefundFilterOptions(ctx)),
});
