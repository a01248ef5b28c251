import Link from "next/link";
import type { ApprovalRequestView } from "@/server/modules/approvals/approvals.schema";

/** Whom a request credits: the customer's profile, or a bulk batch's page (many customers). */
export function ApprovalTarget({ request }: { request: Pick<ApprovalRequestView, "customer" | "bulkBatchId"> }) {
  const href = request.customer ? `/customers/${request.customer.id}` : `/credits/bulk/${request.bulkBatchId ?? ""}`;
  return (
    <Link href={href} className="font-medium text-blue-700 hover:underline">
      {request.customer ? request.customer.name : "Bulk credit batch"}
    </Link>
  );
}

export const approvalTargetName = (request: Pick<ApprovalRequestView, "customer">) => request.customer?.name ?? "many customers (bulk credit)";
