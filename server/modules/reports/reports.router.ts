import "server-only";
import { createTRPCRouter, lagTolerant, permissionProcedure } from "@/server/trpc/init";
import { ZAgingInput, ZLiabilityInput } from "./reports.schema";
import { readAging, readLiability, readLiabilityCsv } from "./reports.service";

const reportsProcedure = permissionProcedure("reports:read").use(lagTolerant);

export const reportsRouter = createTRPCRouter({
  liability: reportsProcedure.input(ZLiabilityInput).query(({ ctx, input }) => readLiability(ctx, input)),
  liabilityCsv: reportsProcedure.input(ZLiabilityInput).query(({ ctx, input }) => readLiabilityCsv(ctx, input)),
  aging: reportsProcedure.input(ZAgingInput).query(({ ctx, input }) => readAging(ctx, input)),
});
