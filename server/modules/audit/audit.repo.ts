import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import { uuid7 } from "@/server/lib/uuid7";

/** One audit row: who did what to which record, with the details worth keeping. */
export type AuditEntry = {
  /** Null for the system (expiry runs, storefront spends). */
  actorId: string | null;
  /** "credit.issue", "settings.category.rename", ... */
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
};

/** JSON that keeps bigint amounts exact (as strings) and dates as ISO text. */
export function toAuditJson(details: Record<string, unknown>): string {
  return JSON.stringify(details, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

/**
 * The INSERT for an audit row, to run inside the transaction of the change it records (never
 * after it: a change without its audit row is a defect). The table is append-only.
 */
export function auditInsertSql(entry: AuditEntry): Prisma.Sql {
  return Prisma.sql`INSERT INTO audit_log (id, actor_id, action, entity_type, entity_id, details)
    VALUES (${uuid7()}::uuid, ${entry.actorId}::uuid, ${entry.action}, ${entry.entityType}, ${entry.entityId},
            ${toAuditJson(entry.details)}::jsonb)`;
}

export const writeAudit = (tx: DbTx, entry: AuditEntry) => tx.$executeRaw(auditInsertSql(entry));
