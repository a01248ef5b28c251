import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime } from "@/components/format";
import { money, signedMoney } from "@/components/money";
import type { CreditEventView } from "@/server/modules/credits/credit-queries";

/** Ledger events, newest first: what happened, by whom, and the balance it left. */
export function CreditEventsTable({ events, label }: { events: CreditEventView[]; label: string }) {
  return (
    <Table aria-label={label}>
      <thead>
        <tr>
          <Th>Date</Th>
          <Th>Type</Th>
          <Th className="text-right">Amount</Th>
          <Th className="text-right">Balance after</Th>
          <Th>By</Th>
          <Th>Reason</Th>
          <Th>Memo</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <Td className="whitespace-nowrap">{formatDateTime(e.createdAt)}</Td>
            <Td>{e.typeLabel}</Td>
            <Td className={`text-right tabular-nums ${e.amountMinor < 0n ? "text-red-700" : "text-emerald-700"}`}>
              {signedMoney(e)}
            </Td>
            <Td className="text-right tabular-nums">{money({ amountMinor: e.balanceAfterMinor, currency: e.currency })}</Td>
            <Td>{e.actorName}</Td>
            <Td className="text-slate-600">{e.reason ?? "—"}</Td>
            <Td className="max-w-56 truncate text-slate-600">{e.memo ?? "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
