import { Prisma } from "@/prisma/generated/client";
import type { Db, DbTx } from "@/server/db/client";
import type { TimeIdPosition } from "@/server/lib/cursor";
import superjson from "superjson";
import type { ApprovableOperation, ApprovalRequestView, ApprovalStatus } from "./approvals.schema";

export type NewApprovalRequest = {
  id: string;
  operation: string;
  requesterId: string;
  idempotencyKey: string;
  customerId: string | null;
  amountMinor: bigint;
  currency: string;
  limitReason: string;
  requesterNote: string | null;
  input: unknown;
  expiresAt: Date;
};

export const insertApprovalRequestSql = (r: NewApprovalRequest) => Prisma.sql`
  INSERT INTO approval_request (id, operation, status, requester_id, idempotency_key, customer_id, amount_minor, currency,
                                limit_reason, requester_note, input, expires_at)
  VALUES (${r.id}::uuid, ${r.operation}, 'PENDING', ${r.requesterId}::uuid, ${r.idempotencyKey}, ${r.customerId}::uuid,
          ${r.amountMinor}, ${r.currency}, ${r.limitReason}, ${r.requesterNote}, ${JSON.stringify(superjson.serialize(r.input))}::jsonb,
          ${r.expiresAt})`;

/** A request as the decision needs it: the stored input still serialised. */
export type LockedApprovalRequest = ApprovalRequestView & { idempotencyKey: string; input: unknown };

type ViewRow = {
  id: string;
  operation: ApprovableOperation;
  status: ApprovalStatus;
  customerId: string | null;
  customerName: string | null;
  bulkBatchId: string | null;
  amountMinor: bigint;
  currency: string;
  limitReason: string;
  requesterNote: string | null;
  requesterId: string;
  requesterName: string;
  createdAt: Date;
  expiresAt: Date;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
};

const VIEW_COLUMNS = Prisma.sql`
  r.id, r.operation, r.status, r.customer_id::text AS "customerId",
  trim(c.first_name || ' ' || c.last_name) AS "customerName",
  (SELECT bb.id::text FROM bulk_credit_batch bb WHERE bb.approval_request_id = r.id) AS "bulkBatchId", r.amount_minor AS "amountMinor", r.currency::text AS currency,
  r.limit_reason AS "limitReason", r.requester_note AS "requesterNote", r.requester_id::text AS "requesterId",
  rq.name AS "requesterName", r.created_at AS "createdAt", r.expires_at AS "expiresAt", r.decided_by_id::text AS "decidedById",
  d.name AS "decidedByName", r.decided_at AS "decidedAt", r.decision_reason AS "decisionReason"`;

const VIEW_FROM = Prisma.sql`
  FROM approval_request r
  LEFT JOIN customer c ON c.id = r.customer_id
  JOIN staff_user rq ON rq.id = r.requester_id
  LEFT JOIN staff_user d ON d.id = r.decided_by_id`;

export const approvalView = (row: ViewRow): ApprovalRequestView => ({
  id: row.id,
  operation: row.operation,
  status: row.status,
  customer: row.customerId === null ? null : { id: row.customerId, name: row.customerName ?? "" },
  bulkBatchId: row.bulkBatchId,
  amountMinor: row.amountMinor,
  currency: row.currency,
  limitReason: row.limitReason,
  requesterNote: row.requesterNote,
  requester: { id: row.requesterId, name: row.requesterName },
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  decidedBy: row.decidedById ? { id: row.decidedById, name: row.decidedByName ?? "" } : null,
  decidedAt: row.decidedAt,
  decisionReason: row.decisionReason,
});

/**
 * Locks the request row until the decision's transaction ends: two deciders take turns. The view is
 * read after the lock, in its own statement, so a waiter sees the decider the first one wrote.
 */
export async function lockApprovalRequest(tx: DbTx, id: string): Promise<LockedApprovalRequest | null> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM approval_request WHERE id = ${id}::uuid FOR UPDATE`;
  if (!locked.length) return null;
  const [row] = await tx.$queryRaw<(ViewRow & { idempotencyKey: string; input: unknown })[]>`
    SELECT ${VIEW_COLUMNS}, r.idempotency_key AS "idempotencyKey", r.input ${VIEW_FROM} WHERE r.id = ${id}::uuid`;
  return row ? { ...approvalView(row), idempotencyKey: row.idempotencyKey, input: row.input } : null;
}

export const decideApprovalSql = (id: string, decision: { status: "APPROVED" | "REJECTED"; deciderId: string; reason: string | null }) => Prisma.sql`
  UPDATE approval_request SET status = ${decision.status}, decided_by_id = ${decision.deciderId}::uuid, decided_at = now(),
         decision_reason = ${decision.reason}
  WHERE id = ${id}::uuid AND status = 'PENDING'`;

export async function findApprovalView(db: Db | DbTx, id: string): Promise<ApprovalRequestView | null> {
  const [row] = await db.$queryRaw<ViewRow[]>`SELECT ${VIEW_COLUMNS} ${VIEW_FROM} WHERE r.id = ${id}::uuid`;
  return row ? approvalView(row) : null;
}

export type ApprovalListQuery = {
  status?: ApprovalStatus;
  requesterId?: string;
  customerId?: string;
  /** Pending requests read oldest first (the queue); decided ones newest first. */
  isOldestFirst: boolean;
  after: TimeIdPosition | null;
  limit: number;
};

export async function listApprovalViews(db: Db, q: ApprovalListQuery): Promise<ApprovalRequestView[]> {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (q.status) conditions.push(Prisma.sql`r.status = ${q.status}`);
  if (q.requesterId) conditions.push(Prisma.sql`r.requester_id = ${q.requesterId}::uuid`);
  if (q.customerId) conditions.push(Prisma.sql`r.customer_id = ${q.customerId}::uuid`);
  if (q.after) {
    conditions.push(
      q.isOldestFirst
        ? Prisma.sql`(r.created_at, r.id) > (${q.after.at}::timestamptz, ${q.after.id}::uuid)`
        : Prisma.sql`(r.created_at, r.id) < (${q.after.at}::timestamptz, ${q.after.id}::uuid)`,
    );
  }
  const order = q.isOldestFirst ? Prisma.sql`r.created_at ASC, r.id ASC` : Prisma.sql`r.created_at DESC, r.id DESC`;
  const rows = await db.$queryRaw<ViewRow[]>`
    SELECT ${VIEW_COLUMNS} ${VIEW_FROM} WHERE ${Prisma.join(conditions, " AND ")} ORDER BY ${order} LIMIT ${q.limit}`;
  return rows.map(approvalView);
}

export async function countPendingApprovals(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM approval_request WHERE status = 'PENDING' AND expires_at > now()`;
  return row?.count ?? 0;
}

/** Marks every pending request past its expiry EXPIRED, in one statement; returns what it marked. */
export async function expireDueApprovals(tx: DbTx, now: Date): Promise<{ id: string; customerId: string | null; requesterId: string; operation: string }[]> {
  return tx.$queryRaw`
    UPDATE approval_request SET status = 'EXPIRED', decided_at = ${now}::timestamptz
    WHERE id IN (SELECT id FROM approval_request WHERE status = 'PENDING' AND expires_at <= ${now}::timestamptz
                 ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED)
    RETURNING id, customer_id::text AS "customerId", requester_id::text AS "requesterId", operation`;
}

/** A rejected (or expired) bulk credit request's batch will never run. */
export const rejectBulkBatchSql = (requestId: string) => Prisma.sql`
  UPDATE bulk_credit_batch SET status = 'REJECTED', finished_at = now()
  WHERE approval_request_id = ${requestId}::uuid AND status = 'PENDING_APPROVAL'`;
