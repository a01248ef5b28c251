import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime } from "@/components/format";
import { money } from "@/components/money";
import type { RefundView } from "@/server/modules/refunds/refund-view";
import { REFUND_REASON_LABELS } from "@/server/modules/refunds/refunds.schema";
import { RefundStatusBadge } from "./refund-status-badge";

const Secondary = ({ children, title, className = "" }: { children: string; title?: string; className?: string }) => (
  <span className={`block max-w-52 truncate text-xs text-slate-500 ${className}`} title={title ?? children}>
    {children}
  </span>
);

/** Refunds, newest first: who asked, when, where the money went, and what the gateway said. */
export function RefundsTable({ refunds }: { refunds: RefundView[] }) {
  return (
    <Table aria-label="Refunds">
      <thead>
        <tr>
          <Th>Date</Th>
          <Th>Refund</Th>
          <Th>Customer</Th>
          <Th className="text-right">Amount</Th>
          <Th>Destination</Th>
          <Th>Status</Th>
          <Th>Reason and note</Th>
          <Th>Staff member</Th>
        </tr>
      </thead>
      <tbody>
        {refunds.map((r) => (
          <tr key={r.id} className="align-top">
            <Td className="whitespace-nowrap">{formatDateTime(r.createdAt)}</Td>
            <Td className="whitespace-nowrap">
              <span className="font-mono text-xs">{r.reference}</span>
              <Secondary className="font-mono">{`of ${r.paymentReference}`}</Secondary>
            </Td>
            <Td className="whitespace-nowrap">
              <Link href={`/customers/${r.customerId}`} className="font-medium text-blue-700 hover:underline">
                {r.customerName}
              </Link>
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{money(r)}</Td>
            <Td className="whitespace-nowrap">{r.destination}</Td>
            <Td className="whitespace-nowrap">
              <RefundStatusBadge status={r.status} />
              {r.failureReason ? <Secondary className="text-red-700">{r.failureReason}</Secondary> : null}
              {r.gatewayRef ? <Secondary className="font-mono" title={`Gateway reference ${r.gatewayRef}`}>{r.gatewayRef}</Secondary> : null}
            </Td>
            <Td className="whitespace-nowrap">
              {REFUND_REASON_LABELS[r.reason]}
              {r.explanation ? <Secondary>{r.explanation}</Secondary> : null}
              {r.note ? <Secondary>{`Note: ${r.note}`}</Secondary> : null}
            </Td>
            <Td className="whitespace-nowrap">{r.createdByName ?? "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
