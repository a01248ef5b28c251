// The reports' entry points: read-only figures summed across customers.
import "server-only";
import type { ServiceContext } from "@/server/lib/service-context";
import { earningsCsv, refundsCsv, staffActivityCsv } from "./activity-csv";
import { getEarningsReport, getRefundsReport, getStaffActivityReport } from "./activity-reports";
import { getAgingReport } from "./aging-report";
import { getDashboard } from "./dashboard";
import { liabilityCsv } from "./liability-csv";
import { getLiabilityReport } from "./liability-report";
import type { AgingInput, LiabilityInput, PeriodInput } from "./reports.schema";

export const readLiability = ({ db }: ServiceContext, input: LiabilityInput) => getLiabilityReport(db, input);
export const readLiabilityCsv = async ({ db }: ServiceContext, input: LiabilityInput) => liabilityCsv(await getLiabilityReport(db, input));
export const readAging = ({ db }: ServiceContext, input: AgingInput) => getAgingReport(db, input);
export const readRefunds = ({ db }: ServiceContext, input: PeriodInput) => getRefundsReport(db, input);
export const readRefundsCsv = async ({ db }: ServiceContext, input: PeriodInput) => refundsCsv(await getRefundsReport(db, input));
export const readEarnings = ({ db }: ServiceContext, input: PeriodInput) => getEarningsReport(db, input);
export const readEarningsCsv = async ({ db }: ServiceContext, input: PeriodInput) => earningsCsv(await getEarningsReport(db, input));
export const readStaffActivity = ({ db }: ServiceContext, input: PeriodInput) => getStaffActivityReport(db, input);
export const readStaffActivityCsv = async ({ db }: ServiceContext, input: PeriodInput) => staffActivityCsv(await getStaffActivityReport(db, input));
export const readDashboard = ({ db, actor }: ServiceContext) => getDashboard(db, actor);
