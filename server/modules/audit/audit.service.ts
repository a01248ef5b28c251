// Reads of the audit log: the list with its filters, one entry, and the actors for the filter.
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { decodeTimeIdCursor, encodeTimeIdCursor } from "@/server/lib/cursor";
import { findAuditRow, listAuditActors, listAuditRows } from "./audit.repo";
import type { AuditEntryDetail, AuditEntryView, AuditListInput } from "./audit.schema";

type Row = NonNullable<Awaited<ReturnType<typeof findAuditRow>>>;

const viewOf = (row: Row): AuditEntryView => ({
  id: row.id,
  createdAt: row.createdAt,
  action: row.action,
  entityType: row.entityType,
  entityId: row.entityId,
  actor: row.actorId ? { id: row.actorId, name: row.actorName ?? "Unknown staff member", email: row.actorEmail ?? "" } : null,
  actorRole: row.actorRole,
  customer: row.customerId ? { id: row.customerId, name: row.customerName ?? "Unknown customer" } : null,
  reason: row.reason,
  ip: row.ip,
  userAgent: row.userAgent,
});

export async function listAuditEntries({ db }: ServiceContext, input: AuditListInput): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
  const { area, actorId, customerId, from, to } = input;
  const rows = await listAuditRows(db, { filters: { area, actorId, customerId, from, to }, before: decodeTimeIdCursor(input.cursor), limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(viewOf),
    nextCursor: rows.length > input.limit && last ? encodeTimeIdCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

export async function getAuditEntry({ db }: ServiceContext, entryId: string): Promise<AuditEntryDetail> {
  const row = await findAuditRow(db, entryId);
  if (!row) throw new AppError("NOT_FOUND", "This audit entry does not exist", "entryId");
  return { ...viewOf(row), before: row.before, after: row.after, details: row.details };
}

export const getAuditFilterOptions = async ({ db }: ServiceContext) => ({ actors: await listAuditActors(db) });
