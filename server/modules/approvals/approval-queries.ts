// Reads: the approvals queue, a staff member's own requests, and a customer's requests.
import type { ServiceContext } from "@/server/lib/service-context";
import { createdAtPosition, cursorPage, timeIdCursor } from "@/server/lib/pager";
import { countPendingApprovals, listApprovalViews, type ApprovalListQuery } from "./approvals.repo";
import type { ApprovalRequestView, ApprovalStatus } from "./approvals.schema";

type Page = { items: ApprovalRequestView[]; nextCursor: string | null };
type PageInput = { status?: ApprovalStatus; cursor?: string | null; limit: number };

async function pageOf(ctx: ServiceContext, input: PageInput, scope: Pick<ApprovalListQuery, "requesterId" | "customerId">): Promise<Page> {
  const isOldestFirst = input.status === "PENDING";
  return cursorPage({
    cursor: input.cursor,
    limit: input.limit,
    codec: timeIdCursor,
    fetch: (after, limit) => listApprovalViews(ctx.db, { ...scope, status: input.status, isOldestFirst, after, limit }),
    positionOf: createdAtPosition,
  });
}

/** The queue for deciders: pending ones oldest first (the next to expire on top), decided ones newest first. */
export const listApprovals = (ctx: ServiceContext, input: PageInput) => pageOf(ctx, input, {});

/** "My requests": the caller's own, any status unless one is asked for. */
export const listMyApprovals = (ctx: ServiceContext, input: PageInput) => pageOf(ctx, input, { requesterId: ctx.actor.id });

/** The customer profile's panel: their requests, newest first (the latest 20). */
export async function listCustomerApprovals(ctx: ServiceContext, customerId: string): Promise<{ items: ApprovalRequestView[] }> {
  const items = await listApprovalViews(ctx.db, { customerId, isOldestFirst: false, after: null, limit: 20 });
  return { items };
}

export const pendingApprovalCount = async ({ db }: ServiceContext) => ({ count: await countPendingApprovals(db) });
