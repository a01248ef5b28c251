"use client";
import { useQuery } from "@tanstack/react-query";
import { formatDistanceToNowStrict } from "date-fns";
import { ApprovalStatusBadge } from "@/components/approvals/approval-status-badge";
import { money } from "@/components/money";
import { useTRPC } from "@/components/providers/trpc";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { APPROVABLE_OPERATION_LABELS } from "@/server/modules/approvals/approvals.schema";

/** This customer's requests waiting for approval (and those decided this week); hidden when there are none. */
export function PendingApprovalsPanel({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const approvals = useQuery(trpc.approvals.forCustomer.queryOptions({ customerId }));
  if (approvals.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        Approval requests could not be loaded: {approvals.error.message}
      </p>
    );
  }
  const items = approvals.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Pending approval</CardTitle>
      </CardHeader>
      <Table aria-label="Approval requests for this customer">
        <thead>
          <tr>
            <Th>Action</Th>
            <Th className="text-right">Amount</Th>
            <Th>Requested by</Th>
            <Th>Status</Th>
            <Th>Age</Th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <Td>{APPROVABLE_OPERATION_LABELS[r.operation]}</Td>
              <Td className="text-right tabular-nums">{money(r)}</Td>
              <Td>{r.requester.name}</Td>
              <Td>
                <ApprovalStatusBadge status={r.status} />
              </Td>
              <Td>{formatDistanceToNowStrict(r.createdAt, { addSuffix: true })}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
