"use client";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCan } from "@/components/providers/actor-context";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { LinkRow } from "@/components/ui/link-row";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { CreditStatusBadge } from "@/components/credit-status";
import { useDates } from "@/components/format";
import { money } from "@/components/money";
import { useUrlState } from "@/components/use-url-state";
import { useProfileActions } from "../../_components/profile-actions";
import { creditRowFocusId } from "../../_components/credit-row-focus";
import { CursorPager } from "@/components/ui/cursor-pager";

/** Guide 002's Store Credits section: every grant; a row (chevron, hover) opens its own page, where it is edited or deleted. */
export function CreditsTable({ customerId }: { customerId: string }) {
  const { formatDate } = useDates();
  const trpc = useTRPC();
  const canIssue = useCan("credits:issue");
  const { openAddCredit } = useProfileActions();
  const { params, set } = useUrlState();
  const cursor = params.get("cursor");
  const credits = useQuery({
    ...trpc.credits.list.queryOptions({ customerId, cursor, limit: 25 }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>Store credits</CardTitle>
        {canIssue ? (
          <Button size="sm" variant="secondary" onClick={openAddCredit}>
            Add store credit
          </Button>
        ) : null}
      </CardHeader>
      {credits.isPending ? (
        <LoadingRows label="Loading store credits" />
      ) : credits.isError ? (
        <ErrorState title="Store credits could not be loaded">{credits.error.message}</ErrorState>
      ) : credits.data.items.length === 0 ? (
        <EmptyState title="No store credits">Store credit issued to this customer will be listed here.</EmptyState>
      ) : (
        <>
          <Table aria-label="Store credits">
            <thead>
              <tr>
                <Th>Issued</Th>
                <Th className="text-right">Amount</Th>
                <Th className="text-right">Used</Th>
                <Th className="text-right">Remaining</Th>
                <Th>Category</Th>
                <Th>Memo</Th>
                <Th>Expires</Th>
                <Th>Status</Th>
                <Th className="w-8">
                  <span className="sr-only">Open</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {credits.data.items.map((c) => (
                <LinkRow
                  key={c.id}
                  href={`/customers/${customerId}/credits/${c.id}`}
                  focusId={creditRowFocusId(c.id)}
                  label={`${money(c)} ${c.category.name} credit of ${formatDate(c.createdAt)}`}
                  hasChevron
                >
                  <Td>
                    <Link href={`/customers/${customerId}/credits/${c.id}`} tabIndex={-1} className="font-medium text-blue-700 group-hover:underline">
                      {formatDate(c.createdAt)}
                    </Link>
                  </Td>
                  <Td className="text-right tabular-nums">{money(c)}</Td>
                  <Td className="text-right tabular-nums">{money({ amountMinor: c.usedMinor, currency: c.currency })}</Td>
                  <Td className="text-right font-medium tabular-nums">{money({ amountMinor: c.remainingMinor, currency: c.currency })}</Td>
                  <Td>{c.category.name}</Td>
                  <Td className="max-w-48 truncate text-slate-600">{c.memo ?? "—"}</Td>
                  <Td>{c.expiresAt ? formatDate(c.expiresAt) : "Never"}</Td>
                  <Td>
                    <CreditStatusBadge status={c.status} />
                  </Td>
                </LinkRow>
              ))}
            </tbody>
          </Table>
          <CursorPager cursor={cursor} nextCursor={credits.data.nextCursor} onPage={(next) => set({ cursor: next })} />
        </>
      )}
    </Card>
  );
}
