import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import type { RequestOrigin } from "@/server/lib/service-context";
import { uuid7 } from "@/server/lib/uuid7";

/** Who an audit row is about: an Actor fits; sign-in passes what it knows before there is one. */
export type AuditActor = { id: string; role: string | null; request: RequestOrigin | null };

/** One audit row: who did what to which record, for which customer, why, and what changed. */
export type AuditEntry = {
  /** Null for the system (expiry runs, storefront spends, jobs). */
  actor: AuditActor | null;
  /** "credit.issue", "settings.category.rename", ... */
  action: string;
  entityType: string;
  entityId: string;
  /** The customer the change touches, when there is one (the profile's Activity tab). */
  customerId?: string | null;
  reason?: string | null;
  /** The fields the change altered, as they were (null when the record is new) and as they became. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  details?: Record<string, unknown>;
  /** Where the request came from, when there is no actor to carry it (a failed sign-in). */
  request?: RequestOrigin | null;
  /** The Storefront API key behind the change (actor null then). */
  apiKeyId?: string | null;
};

/** JSON that keeps bigint amounts exact (as strings) and dates as ISO text. */
export function toAuditJson(details: Record<string, unknown>): string {
  return JSON.stringify(details, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

const jsonOrNull = (value: Record<string, unknown> | null | undefined) => (value ? toAuditJson(value) : null);

/**
 * The INSERT for an audit row, to run inside the transaction of the change it records (never
 * after it: a change without its audit row is a defect). The table is append-only.
 */
export function auditInsertSql(entry: AuditEntry): Prisma.Sql {
  const { actor } = entry;
  const request = entry.request ?? actor?.request ?? null;
  return Prisma.sql`INSERT INTO audit_log
      (id, actor_id, actor_role, action, entity_type, entity_id, customer_id, reason, before, after, ip, user_agent, details, api_key_id)
    VALUES (${uuid7()}::uuid, ${actor?.id ?? null}::uuid, ${actor?.role ?? null}, ${entry.action}, ${entry.entityType},
            ${entry.entityId}, ${entry.customerId ?? null}::uuid, ${entry.reason ?? null},
            ${jsonOrNull(entry.before)}::jsonb, ${jsonOrNull(entry.after)}::jsonb,
            ${request?.ip ?? null}, ${request?.userAgent ?? null}, ${toAuditJson(entry.details ?? {})}::jsonb,
            ${entry.apiKeyId ?? null}::uuid)`;
}

export const writeAudit = (tx: DbTx, entry: AuditEntry) => tx.$executeRaw(auditInsertSql(entry));

export type AuditFilters = {
  area?: string;
  action?: string;
  actorId?: string;
  customerId?: string;
  /** Both or neither: the target index is (entity_type, entity_id, created_at, id). */
  target?: { type: string; id: string };
  from?: Date;
  to?: Date;
};

/** Equality filters only, each on the leading column of a (column, created_at DESC, id DESC) index. */
function auditFilterSql(filters: AuditFilters, before: { at: Date; id: string } | null): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filters.area) conditions.push(Prisma.sql`a.area = ${filters.area}`);
  if (filters.action) conditions.push(Prisma.sql`a.action = ${filters.action}`);
  if (filters.actorId) conditions.push(Prisma.sql`a.actor_id = ${filters.actorId}::uuid`);
  if (filters.customerId) conditions.push(Prisma.sql`a.customer_id = ${filters.customerId}::uuid`);
  if (filters.target) conditions.push(Prisma.sql`a.entity_type = ${filters.target.type} AND a.entity_id = ${filters.target.id}`);
  if (filters.from) conditions.push(Prisma.sql`a.created_at >= ${filters.from}::timestamptz`);
  if (filters.to) conditions.push(Prisma.sql`a.created_at <= ${filters.to}::timestamptz`);
  if (before) conditions.push(Prisma.sql`(a.created_at, a.id) < (${before.at}::timestamptz, ${before.id}::uuid)`);
  return Prisma.join(conditions, " AND ");
}

type AuditRow = {
  id: string;
  createdAt: Date;
  action: string;
  entityType: string;
  entityId: string;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  apiKeyId: string | null;
  apiKeyName: string | null;
  customerId: string | null;
  customerName: string | null;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details: Record<string, unknown>;
};

const selectAuditRowsSql = (where: Prisma.Sql, tail: Prisma.Sql) => Prisma.sql`
    SELECT a.id, a.created_at AS "createdAt", a.action, a.entity_type AS "entityType", a.entity_id AS "entityId",
           a.actor_id AS "actorId", s.name AS "actorName", s.email AS "actorEmail", a.actor_role AS "actorRole",
           a.api_key_id AS "apiKeyId", k.name AS "apiKeyName", a.customer_id AS "customerId", NULLIF(TRIM(c.first_name || ' ' || c.last_name), '') AS "customerName",
           a.reason, a.ip, a.user_agent AS "userAgent", a.before, a.after, a.details
    FROM audit_log a
    LEFT JOIN staff_user s ON s.id = a.actor_id
    LEFT JOIN api_key k ON k.id = a.api_key_id
    LEFT JOIN customer c ON c.id = a.customer_id
    WHERE ${where} ${tail}`;

type ListOptions = { filters: AuditFilters; before: { at: Date; id: string } | null; limit: number };

/** Newest first, (created_at, id) keyset; each filter has its own index (see the migrations). The bench EXPLAINs it. */
export const auditListSql = (opts: ListOptions) =>
  selectAuditRowsSql(auditFilterSql(opts.filters, opts.before), Prisma.sql`ORDER BY a.created_at DESC, a.id DESC LIMIT ${opts.limit}`);

export const listAuditRows = (db: DbTx, opts: ListOptions) => db.$queryRaw<AuditRow[]>(auditListSql(opts));

export const findAuditRow = async (db: DbTx, id: string) =>
  (await db.$queryRaw<AuditRow[]>(selectAuditRowsSql(Prisma.sql`a.id = ${id}::uuid`, Prisma.empty)))[0] ?? null;

/** Staff members who appear in the log as actors, by name. */
export const listAuditActors = (db: DbTx) =>
  db.$queryRaw<{ id: string; name: string }[]>`
    SELECT s.id, s.name FROM staff_user s
    WHERE EXISTS (SELECT 1 FROM audit_log a WHERE a.actor_id = s.id)
    ORDER BY s.name, s.id`;

/**
 * The distinct values of a column in the log, by a skip scan over the leading column of its page
 * index (one index probe per distinct value, not a pass over every row).
 */
const distinctValues = async (db: DbTx, column: "action" | "entity_type") => {
  const col = Prisma.raw(column);
  const rows = await db.$queryRaw<{ value: string }[]>`
    WITH RECURSIVE v AS (
      (SELECT ${col} AS value FROM audit_log ORDER BY ${col} LIMIT 1)
      UNION ALL
      SELECT (SELECT a.${col} FROM audit_log a WHERE a.${col} > v.value ORDER BY a.${col} LIMIT 1) FROM v WHERE v.value IS NOT NULL
    )
    SELECT value FROM v WHERE value IS NOT NULL`;
  return rows.map((row) => row.value);
};

export const listAuditActions = (db: DbTx) => distinctValues(db, "action");
export const listAuditTargetTypes = (db: DbTx) => distinctValues(db, "entity_type");
