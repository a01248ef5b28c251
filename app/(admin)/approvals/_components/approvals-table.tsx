import { formatDistanceToNowStrict } from "date-fns";
import { money } from "@/components/money";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { APPROVABLE_OPERATION_LABELS, type ApprovalRequestView } from "@/server/modules/approvals/approvals.schema";
import { ApprovalTarget } from "./approval-target";

type Props = {
  requests: ApprovalRequestView[];
  approvingId: string | null;
  onApprove: (request: ApprovalRequestView) => void;
  onReject: (request: ApprovalRequestView) => void;
};

/** Short enough to read aloud, unique enough to tell two buttons apart. */
export const shortId = (id: string) => id.slice(0, 8);

export function ApprovalsTable({ requests, approvingId, onApprove, onReject }: Props) {
  return (
    <Table aria-label="Approval requests">
      <thead>
        <tr>
          <Th>Customer</Th>
          <Th>Action</Th>
          <Th className="text-right">Amount</Th>
          <Th>Requested by</Th>
          <Th>Why it needs approval</Th>
          <Th>Age</Th>
          <Th>
            <span className="sr-only">Decision</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id} className="align-top">
            <Td className="whitespace-nowrap">
              <ApprovalTarget request={r} />
            </Td>
            <Td className="whitespace-nowrap">{APPROVABLE_OPERATION_LABELS[r.operation]}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{money(r)}</Td>
            <Td className="whitespace-nowrap">{r.requester.name}</Td>
            <Td>
              {r.limitReason}
              {r.requesterNote ? <span className="block text-xs text-slate-500">Note: {r.requesterNote}</span> : null}
              {r.decidedBy ? (
                <span className="block text-xs text-slate-500">
                  Decided by {r.decidedBy.name}
                  {r.decisionReason ? `: ${r.decisionReason}` : ""}
                </span>
              ) : null}
            </Td>
            <Td className="whitespace-nowrap">{formatDistanceToNowStrict(r.createdAt, { addSuffix: true })}</Td>
            <Td className="whitespace-nowrap">
              {r.status === "PENDING" ? (
                <div className="flex gap-2">
                  <Button size="sm" aria-label={`Approve request ${shortId(r.id)}`} disabled={approvingId === r.id} onClick={() => onApprove(r)}>
                    {approvingId === r.id ? "Approving…" : "Approve"}
                  </Button>
                  <Button size="sm" variant="secondary" aria-label={`Reject request ${shortId(r.id)}`} onClick={() => onReject(r)}>
                    Reject
                  </Button>
                </div>
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
