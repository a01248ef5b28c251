"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { money } from "@/components/money";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { EXPIRY_LABELS, ISSUE_AGE_LABELS } from "@/server/modules/reports/reports.schema";

/** Aging of the outstanding balance by issue date and by expiry; loads on its own (a past day reads each credit's ledger). */
export function AgingSection({ asOf, currency }: { asOf: string; currency: string }) {
  const trpc = useTRPC();
  const aging = useQuery(trpc.reports.aging.queryOptions({ ...(asOf ? { asOf } : {}), ...(currency ? { currency } : {}) }));
  return (
    <Card aria-busy={aging.isFetching} className="break-inside-avoid">
      <CardHeader>
        <CardTitle>Aging of the outstanding balance</CardTitle>
      </CardHeader>
      {aging.isPending ? (
        <LoadingRows rows={3} label="Loading aging" />
      ) : aging.isError ? (
        <ErrorState title="Aging could not be loaded">{aging.error.message}</ErrorState>
      ) : (
        <div className="grid gap-4 p-4 lg:grid-cols-2">
          {(
            [
              ["By issue date", aging.data.byIssueAge, ISSUE_AGE_LABELS],
              ["By expiry", aging.data.byExpiry, EXPIRY_LABELS],
            ] as const
          ).map(([title, rows, labels]) => (
            <Table key={title} aria-label={`Aging ${title.toLowerCase()}`}>
              <thead>
                <tr>
                  <Th>{title}</Th>
                  <Th>Currency</Th>
                  <Th className="text-right">Credits</Th>
                  <Th className="text-right">Outstanding</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.currency}-${row.bucket}`}>
                    <Td>{(labels as Record<string, string>)[row.bucket]}</Td>
                    <Td>{row.currency}</Td>
                    <Td className="text-right tabular-nums">{row.creditCount}</Td>
                    <Td className="text-right tabular-nums">{money(row)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ))}
        </div>
      )}
    </Card>
  );
}
