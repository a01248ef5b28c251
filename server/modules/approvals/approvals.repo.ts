import { Prisma } from "@/prisma/generated/client";
import superjson from "superjson";

export type NewApprovalRequest = {
  id: string;
  operation: string;
  requesterId: string;
  idempotencyKey: string;
  customerId: string;
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
