"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { formatMoney } from "@/server/lib/money";
import type { MoneyLimitRow } from "@/server/modules/limits/limit-rules";
import { LIMIT_FIELDS, type MoneyLimitListRow } from "@/server/modules/limits/limits.schema";
import { MoneyLimitDialog } from "./money-limit-dialog";
import { SettingsCard } from "./settings-card";

const limitText = (minor: bigint | null, currency: string) => (minor === null ? "No limit" : formatMoney(minor, currency));

/** Per role and currency: the five limits, editable in a dialog. The built-in Admin is never limited. */
export function MoneyLimitsCard() {
  const trpc = useTRPC();
  const limits = useQuery(trpc.limits.list.queryOptions());
  const [editing, setEditing] = useState<MoneyLimitListRow | null>(null);

  return (
    <SettingsCard
      title="Money limits"
      description="Above a limit, an action becomes an approval request for a manager. Daily limits count a staff member's last 24 hours. A role without limits in a currency needs approval for every amount in it; Admin is never limited."
    >
      {limits.isPending ? (
        <LoadingRows label="Loading money limits" rows={4} />
      ) : limits.isError ? (
        <ErrorState title="Money limits could not be loaded">
          <p>{limits.error.message}</p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => void limits.refetch()}>
            Try again
          </Button>
        </ErrorState>
      ) : limits.data.length === 0 ? (
        <EmptyState title="No roles to limit" className="py-6">
          Enable a currency above, or create a role on the Roles page.
        </EmptyState>
      ) : (
        <Table aria-label="Money limits">
          <thead>
            <tr>
              <Th>Role</Th>
              <Th>Currency</Th>
              {LIMIT_FIELDS.map(({ field, label }) => (
                <Th key={field} className="text-right">
                  {label}
                </Th>
              ))}
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {limits.data.map((row) => (
              <tr key={`${row.roleKey}:${row.currency}`}>
                <Td className="font-medium">{row.roleName}</Td>
                <Td>
                  {row.currency}
                  {row.isCurrencyEnabled ? null : <span className="ml-1 text-xs text-slate-500">(disabled)</span>}
                </Td>
                <LimitCells limit={row.limit} currency={row.currency} />
                <Td className="text-right">
                  <Button variant="ghost" size="sm" onClick={() => setEditing(row)}>
                    Edit<span className="sr-only"> {row.roleName} {row.currency} limits</span>
                  </Button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {editing ? <MoneyLimitDialog row={editing} onClose={() => setEditing(null)} /> : null}
    </SettingsCard>
  );
}

function LimitCells({ limit, currency }: { limit: MoneyLimitRow | null; currency: string }) {
  if (!limit) {
    return (
      <Td colSpan={LIMIT_FIELDS.length} className="text-center text-slate-500">
        No limits set: every amount needs approval
      </Td>
    );
  }
  return LIMIT_FIELDS.map(({ field, column }) => (
    <Td key={field} className="text-right tabular-nums">
      {limitText(limit[column], currency)}
    </Td>
  ));
}
