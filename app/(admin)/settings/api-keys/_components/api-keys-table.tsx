"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useDates } from "@/components/format";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Badge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { AppRouter } from "@/server/trpc/root";
import { RevokeApiKeyDialog } from "./revoke-api-key-dialog";

type ApiKey = inferRouterOutputs<AppRouter>["apiKeys"]["list"][number];

const STATUS_BADGE = { ACTIVE: { tone: "green", label: "Active" }, EXPIRED: { tone: "amber", label: "Expired" }, REVOKED: { tone: "slate", label: "Revoked" } } as const;

export function ApiKeysTable() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const { formatDateTime, formatDate } = useDates();
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  if (keys.isPending) return <Card><LoadingRows label="Loading API keys" /></Card>;
  if (keys.isError) {
    return (
      <Card>
        <ErrorState title="API keys could not be loaded">
          <p>{keys.error.message}</p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => void keys.refetch()}>
            Try again
          </Button>
        </ErrorState>
      </Card>
    );
  }
  if (keys.data.length === 0) {
    return (
      <Card>
        <EmptyState title="No API keys yet">
          <p>Make one with “New API key” to connect the shop or another system.</p>
        </EmptyState>
      </Card>
    );
  }

  return (
    <Card>
      <Table aria-label="API keys">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Key</Th>
            <Th>Scopes</Th>
            <Th>Last used</Th>
            <Th>Created by</Th>
            <Th>Status</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {keys.data.map((key) => (
            <tr key={key.id} className="align-top">
              <Td className="font-medium">{key.name}</Td>
              <Td>
                <code className="text-xs text-slate-700">{key.prefix}…</code>
              </Td>
              <Td>
                <ul className="space-y-0.5 text-xs text-slate-700">
                  {key.scopes.map((scope) => (
                    <li key={scope}>
                      <code>{scope}</code>
                    </li>
                  ))}
                </ul>
              </Td>
              <Td className="whitespace-nowrap text-sm">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : <span className="text-slate-500">Never</span>}</Td>
              <Td className="text-sm">
                {key.createdBy.name}
                <p className="text-xs text-slate-500">{formatDate(key.createdAt)}</p>
              </Td>
              <Td>
                <Badge tone={STATUS_BADGE[key.status].tone}>{STATUS_BADGE[key.status].label}</Badge>
                {key.status === "ACTIVE" && key.expiresAt ? <p className="mt-0.5 text-xs text-slate-500">Until {formatDate(key.expiresAt)}</p> : null}
              </Td>
              <Td className="text-right whitespace-nowrap">
                {key.status === "REVOKED" ? null : (
                  <Button variant="secondary" size="sm" onClick={() => setRevoking(key)}>
                    Revoke<span className="sr-only"> {key.name}</span>
                  </Button>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {revoking ? <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} /> : null}
    </Card>
  );
}
