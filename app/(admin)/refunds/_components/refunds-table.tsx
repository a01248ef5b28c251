import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { TruncatedText } from "@/components/ui/truncated-text";
import { useDates } from "@/components/format";
import { money } from "@/components/money";
import type { RefundView } from "@/server/modules/refunds/refund-view";
import { REFUND_REASON_LABELS } from "@/server/modules/refunds/refunds.schema";
import { RefundStatusBadge } from "./refund-status-badge";

const Secondary = ({ children, title, className = "" }: { children: string; title?: string; className?: string }) => (
  <TruncatedText text={children} title={title} className={`max-w-44 text-xs text-slate-500 ${className}`} />
);

// Column priorities: below 2xl (1536 px) the staff member moves under the date and the destination
// under the amount, so the table fits the content area at 1280 and 1440 without scrolling sideways.
// Long text is cut to its cell and shown whole on hover (title) and on keyboard focus.
const WIDE = "hidden 2xl:table-cell";
const NARROW = "2xl:hidden";

/** Refunds, newest first: who asked, when, where the money went, and what the gateway said. */
export function RefundsTable({ refunds }: { refunds: RefundView[] }) {
  const { formatDateTime } = useDates();
  return (
    <Table aria-label="Refunds">
      <thead>
        <tr>
          <Th>Date</Th>
          <Th>Refund</Th>
          <Th>Customer</Th>
          <Th className="text-right">Amount</Th>
          <Th className={WIDE}>Destination</Th>
          <Th>Status</Th>
          <Th>Reason and note</Th>
          <Th className={WIDE}>Staff member</Th>
        </tr>
      </thead>
      <tbody>
        {refunds.map((r) => (
          <tr key={r.id} className="align-top">
            <Td className="whitespace-nowrap">
              {formatDateTime(r.createdAt)}
              <Secondary className={NARROW}>{`by ${r.createdByName ?? "—"}`}</Secondary>
            </Td>
            <Td className="whitespace-nowrap">
              <span className="font-mono text-xs">{r.reference}</span>
              <Secondary className="font-mono">{`of ${r.paymentReference}`}</Secondary>
            </Td>
            <Td>
              <Link
                href={`/customers/${r.customerId}`}
                title={r.customerName}
                className="block max-w-40 truncate font-medium text-blue-700 hover:underline focus:whitespace-normal"
              >
                {r.customerName}
              </Link>
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">
              {money(r)}
              <Secondary className={`${NARROW} ml-auto`}>{`to ${r.destination}`}</Secondary>
            </Td>
            <Td className={`${WIDE} whitespace-nowrap`}>{r.destination}</Td>
            <Td>
              <RefundStatusBadge status={r.status} />
              {r.failureReason ? <Secondary className="text-red-700">{r.failureReason}</Secondary> : null}
              {r.gatewayRef ? <Secondary className="font-mono" title={`Gateway reference ${r.gatewayRef}`}>{r.gatewayRef}</Secondary> : null}
            </Td>
            <Td>
              <TruncatedText text={REFUND_REASON_LABELS[r.reason]} className="max-w-48" />
              {r.explanation ? <Secondary>{r.explanation}</Secondary> : null}
              {r.note ? <Secondary>{`Note: ${r.note}`}</Secondary> : null}
            </Td>
            <Td className={`${WIDE} whitespace-nowrap`}>{r.createdByName ?? "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
