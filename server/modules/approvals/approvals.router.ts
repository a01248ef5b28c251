import "server-only";
import { z } from "zod";
import { createTRPCRouter, permissionProcedure, staffProcedure } from "@/server/trpc/init";
import { APPROVAL_STATUSES, ZApprovalListInput, ZApproveInput, ZCustomerApprovalsInput, ZRejectInput } from "./approvals.schema";
import { approveRequest, listApprovals, listCustomerApprovals, listMyApprovals, pendingApprovalCount, rejectRequest } from "./approvals.service";

const decide = permissionProcedure("approvals:decide");

export const approvalsRouter = createTRPCRouter({
  list: decide.input(ZApprovalListInput).query(({ ctx, input }) => listApprovals(ctx, input)),
  pendingCount: decide.query(({ ctx }) => pendingApprovalCount(ctx)),
  approve: decide.input(ZApproveInput).mutation(({ ctx, input }) => approveRequest(ctx, input)),
  reject: decide.input(ZRejectInput).mutation(({ ctx, input }) => rejectRequest(ctx, input)),
  /** "My requests": any staff member's own, whatever their role. */
  mine: staffProcedure.input(ZApprovalListInput.extend({ status: z.enum(APPROVAL_STATUSES).optional() })).query(({ ctx, input }) => listMyApprovals(ctx, input)),
  forCustomer: permissionProcedure("customers:read").input(ZCustomerApprovalsInput).query(({ ctx, input }) => listCustomerApprovals(ctx, input.customerId)),
});
