"use client";
import { Fragment, useState } from "react";
import Link from "next/link";
import { ChevronDown, ChevronRight } from "lucide-react";
import { Table, Td, Th } from "@/components/ui/table";
import { useDates } from "@/components/format";
import { money, signedMoney } from "@/components/money";
import type { CreditOperationView } from "@/server/modules/credits/credits.service";
import { noteAndMemoOf } from "./credit-operation-note";

type Props = {
  operations: CreditOperationView[];
  label: string;
  customerId: string;
  /** On a credit's own page: each line shows that credit's part, and its total across credits. */
  creditId?: string;
};

const amountClass = (amountMinor: bigint) => `text-right tabular-nums ${amountMinor < 0n ? "text-red-700" : "text-emerald-700"}`;

/**
 * The ledger, one line per operation (a set-balance drawing from two credits is one line), newest
 * first: what happened, by whom, and the balance it left. A line that touched several credits
 * opens to show each credit's part.
 */
export function CreditOperationsTable({ operations, label, customerId, creditId }: Props) {
  const { formatDateTime } = useDates();
  const [openIds, setOpenIds] = useState<ReadonlySet<string>>(new Set());
  const toggle = (operationId: string) =>
    setOpenIds((ids) => {
      const next = new Set(ids);
      if (!next.delete(operationId)) next.add(operationId);
      return next;
    });

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
          <Th>Credits</Th>
        </tr>
      </thead>
      <tbody>
        {operations.map((op) => {
          const own = creditId ? op.events.find((e) => e.creditId === creditId) : undefined;
          const shown = own ?? op;
          const isOpen = openIds.has(op.operationId);
          const isSplit = op.events.length > 1;
          const { note, memo } = noteAndMemoOf(op);
          return (
            <Fragment key={op.operationId}>
              <tr>
                <Td className="whitespace-nowrap">{formatDateTime(op.createdAt)}</Td>
                <Td>{op.typeLabel}</Td>
                <Td className={amountClass(shown.amountMinor)}>
                  {signedMoney(shown)}
                  {own && isSplit ? <span className="block text-xs text-slate-500">of {signedMoney(op)}</span> : null}
                </Td>
                <Td className="text-right tabular-nums">{money({ amountMinor: shown.balanceAfterMinor, currency: op.currency })}</Td>
                <Td>{op.actorName}</Td>
                <Td className="max-w-56 text-slate-600">
                  {op.reason ?? "—"}
                  {note ? <span className="block truncate text-xs text-slate-500" title={note}>Note: {note}</span> : null}
                </Td>
                <Td className="max-w-56 truncate text-slate-600" title={memo ?? undefined}>
                  {memo ?? "—"}
                </Td>
                <Td className="whitespace-nowrap">
                  {isSplit ? (
                    <button
                      type="button"
                      aria-expanded={isOpen}
                      onClick={() => toggle(op.operationId)}
                      className="inline-flex items-center gap-1 text-blue-700 hover:underline"
                    >
                      {isOpen ? <ChevronDown aria-hidden="true" className="h-3.5 w-3.5" /> : <ChevronRight aria-hidden="true" className="h-3.5 w-3.5" />}
                      {op.events.length} credits
                    </button>
                  ) : (
                    <span className="text-slate-500">1 credit</span>
                  )}
                </Td>
              </tr>
              {isSplit && isOpen ? (
                <tr>
                  <td colSpan={8} className="border-b border-slate-100 bg-slate-50 px-3 py-2">
                    <ul aria-label="Credits it touched" className="space-y-1 text-sm">
                      {op.events.map((e) => (
                        <li key={e.id} className="flex gap-4">
                          <span className={amountClass(e.amountMinor)}>{signedMoney(e)}</span>
                          {e.creditId === creditId ? (
                            <span className="text-slate-600">this credit</span>
                          ) : (
                            <Link href={`/customers/${customerId}/credits/${e.creditId}`} className="text-blue-700 hover:underline">
                              Credit {e.creditId.slice(0, 8)}
                            </Link>
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </Table>
  );
}
