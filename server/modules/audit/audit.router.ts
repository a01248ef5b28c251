import { createTRPCRouter, permissionProcedure } from "@/server/trpc/init";
import { ZAuditEntryInput, ZAuditListInput } from "./audit.schema";
import { getAuditEntry, getAuditFilterOptions, listAuditEntries } from "./audit.service";

const auditProcedure = permissionProcedure("audit:read");

export const auditRouter = createTRPCRouter({
  list: auditProcedure.input(ZAuditListInput).query(({ ctx, input }) => listAuditEntries(ctx, input)),
  get: auditProcedure.input(ZAuditEntryInput).query(({ ctx, input }) => getAuditEntry(ctx, input.entryId)),
  filterOptions: auditProcedure.query(({ ctx }) => getAuditFilterOptions(ctx)),
});
