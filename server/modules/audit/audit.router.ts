import "server-only";
import { createTRPCRouter, permissionProcedure } from "@/server/trpc/init";
import { ZAuditCsvInput, ZAuditEntryInput, ZAuditListInput } from "./audit.schema";
import { getAuditCsv, getAuditEntry, getAuditFilterOptions, listAuditEntries } from "./audit.service";

const auditProcedure = permissionProcedure("audit:read");

export const auditRouter = createTRPCRouter({
  list: auditProcedure.input(ZAuditListInput).query(({ ctx, input }) => listAuditEntries(ctx, input)),
  csv: auditProcedure.input(ZAuditCsvInput).query(({ ctx, input }) => getAuditCsv(ctx, input)),
  get: auditProcedure.input(ZAuditEntryInput).query(({ ctx, input }) => getAuditEntry(ctx, input.entryId)),
  filterOptions: auditProcedure.query(({ ctx }) => getAuditFilterOptions(ctx)),
});
