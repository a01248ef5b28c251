import "server-only";
import { createTRPCRouter, lagTolerant, permissionProcedure } from "@/server/trpc/init";
import { ZAgingInput, ZLiabilityInput, ZPeriodInput } from "./reports.schema";
import * as reports from "./reports.service";

const reportsProcedure = permissionProcedure("reports:read").use(lagTolerant);
const staffReportProcedure = permissionProcedure("reports:staff").use(lagTolerant);

export const reportsRouter = createTRPCRouter({
  dashboard: reportsProcedure.query(({ ctx }) => reports.readDashboard(ctx)),
  liability: reportsProcedure.input(ZLiabilityInput).query(({ ctx, input }) => reports.readLiability(ctx, input)),
  liabilityCsv: reportsProcedure.input(ZLiabilityInput).query(({ ctx, input }) => reports.readLiabilityCsv(ctx, input)),
  aging: reportsProcedure.input(ZAgingInput).query(({ ctx, input }) => reports.readAging(ctx, input)),
  refunds: reportsProcedure.input(ZPeriodInput).query(({ ctx, input }) => reports.readRefunds(ctx, input)),
  refundsCsv: reportsProcedure.input(ZPeriodInput).query(({ ctx, input }) => reports.readRefundsCsv(ctx, input)),
  earnings: reportsProcedure.input(ZPeriodInput).query(({ ctx, input }) => reports.readEarnings(ctx, input)),
  earningsCsv: reportsProcedure.input(ZPeriodInput).query(({ ctx, input }) => reports.readEarningsCsv(ctx, input)),
  staffActivity: staffReportProcedure.input(ZPeriodInput).query(({ ctx, input }) => reports.readStaffActivity(ctx, input)),
  staffActivityCsv: staffReportProcedure.input(ZPeriodInput).query(({ ctx, input }) => reports.readStaffActivityCsv(ctx, input)),
});
