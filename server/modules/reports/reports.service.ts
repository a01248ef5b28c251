// The reports' entry points: read-only figures summed across customers.
import "server-only";
import type { ServiceContext } from "@/server/lib/service-context";
import { getAgingReport } from "./aging-report";
import { liabilityCsv } from "./liability-csv";
import { getLiabilityReport } from "./liability-report";
import type { AgingInput, LiabilityInput } from "./reports.schema";

export const readLiability = ({ db }: ServiceContext, input: LiabilityInput) => getLiabilityReport(db, input);
export const readLiabilityCsv = async ({ db }: ServiceContext, input: LiabilityInput) => liabilityCsv(await getLiabilityReport(db, input));
export const readAging = ({ db }: ServiceContext, input: AgingInput) => getAgingReport(db, input);
