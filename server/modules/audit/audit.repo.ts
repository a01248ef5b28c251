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
      (id, actor_id, actor_role, action, entity_type, entity_id, customer_id, reason, before, after, ip, user_agent, details)
    VALUES (${uuid7()}::uuid, ${actor?.id ?? null}::uuid, ${actor?.role ?? null}, ${entry.action}, ${entry.entityType},
            ${entry.entityId}, ${entry.customerId ?? null}::uuid, ${entry.reason ?? null},
            ${jsonOrNull(entry.before)}::jsonb, ${jsonOrNull(entry.after)}::jsonb,
            ${request?.ip ?? null}, ${request?.userAgent ?? null}, ${toAuditJson(entry.details ?? {})}::jsonb)`;
}

export const writeAudit = (tx: DbTx, entry: AuditEntry) => tx.$executeRaw(auditInsertSql(entry));
