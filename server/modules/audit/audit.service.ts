// Reads of the audit log: the list with its filters, its CSV export, one entry, and the filter choices.
import "server-only";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { collectCsvPages, csvCell } from "@/server/lib/csv";
import type { TimeIdPosition } from "@/server/lib/cursor";
import { createdAtPosition, cursorPage, timeIdCursor } from "@/server/lib/pager";
import { findAuditRow, listAuditActions, listAuditActors, listAuditRows, listAuditTargetTypes, toAuditJson, type AuditFilters } from "./audit.repo";
import type { AuditEntryDetail, AuditEntryView, AuditFilterInput, AuditListInput } from "./audit.schema";

type Row = NonNullable<Awaited<ReturnType<typeof findAuditRow>>>;

const viewOf = (row: Row): AuditEntryView => ({
  id: row.id,
  createdAt: row.createdAt,
  action: row.action,
  entityType: row.entityType,
  entityId: row.entityId,
  actor: row.actorId ? { id: row.actorId, name: row.actorName ?? "Unknown staff member", email: row.actorEmail ?? "" } : null,
  apiKey: row.apiKeyId ? { id: row.apiKeyId, name: row.apiKeyName ?? "" } : null,
  actorRole: row.actorRole,
  customer: row.customerId ? { id: row.customerId, name: row.customerName ?? "Unknown customer" } : null,
  reason: row.reason,
  ip: row.ip,
  userAgent: row.userAgent,
});

/** The filters as the repo takes them (the bench uses it too, to EXPLAIN what the page runs). */
export const auditFiltersOf = (input: AuditFilterInput): AuditFilters => ({
  area: input.area,
  action: input.action,
  actorId: input.actorId,
  customerId: input.customerId,
  target: input.targetType && input.targetId ? { type: input.targetType, id: input.targetId } : undefined,
  from: input.from,
  to: input.to,
});

export async function listAuditEntries({ db }: ServiceContext, input: AuditListInput): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
  const filters = auditFiltersOf(input);
  const { items, nextCursor } = await cursorPage({
    cursor: input.cursor,
    limit: input.limit,
    codec: timeIdCursor,
    fetch: (before, limit) => listAuditRows(db, { filters, before, limit }),
    positionOf: createdAtPosition,
  });
  return { items: items.map(viewOf), nextCursor };
}

const CSV_HEADER = [
  "Time",
  "Staff member",
  "Staff email",
  "Role",
  "Action",
  "Target type",
  "Target id",
  "Customer id",
  "Customer",
  "Reason",
  "IP",
  "User agent",
  "Before",
  "After",
  "Entry id",
];

const json = (value: Record<string, unknown> | null) => (value ? toAuditJson(value) : "");

/** Every text cell is guarded: names, reasons, user agents and stored values are typed by people. */
function csvLine(row: Row): string {
  const text = (value: string | null) => csvCell(value ?? "", { isText: true });
  return [
    csvCell(row.createdAt.toISOString()),
    text(row.actorId ? (row.actorName ?? "Unknown staff member") : row.apiKeyId ? `API key “${row.apiKeyName ?? ""}”` : "System"),
    text(row.actorEmail),
    text(row.actorRole),
    text(row.action),
    text(row.entityType),
    text(row.entityId),
    csvCell(row.customerId ?? ""),
    text(row.customerName),
    text(row.reason),
    text(row.ip),
    text(row.userAgent),
    text(json(row.before)),
    text(json(row.after)),
    csvCell(row.id),
  ].join(",");
}

/** The filtered log as CSV, newest first (all pages, up to the export cap). */
export async function getAuditCsv({ db }: ServiceContext, input: AuditFilterInput) {
  const filters = auditFiltersOf(input);
  const { csv, rowCount, isTruncated } = await collectCsvPages({
    header: CSV_HEADER,
    page: (before: TimeIdPosition | null, limit) => listAuditRows(db, { filters, before, limit }),
    positionOf: createdAtPosition,
    line: csvLine,
  });
  return { filename: `audit-log-${new Date().toISOString().slice(0, 10)}.csv`, csv, rowCount, isTruncated };
}

export async function getAuditEntry({ db }: ServiceContext, entryId: string): Promise<AuditEntryDetail> {
  const row = await findAuditRow(db, entryId);
  if (!row) throw new AppError("NOT_FOUND", "This audit entry does not exist", "entryId");
  return { ...viewOf(row), before: row.before, after: row.after, details: row.details };
}

/** Choices for the filters: staff members who appear as actors, and the actions and target types in the log. */
export async function getAuditFilterOptions({ db }: ServiceContext) {
  const [actors, actions, targetTypes] = await Promise.all([listAuditActors(db), listAuditActions(db), listAuditTargetTypes(db)]);
  return { actors, actions, targetTypes };
}
