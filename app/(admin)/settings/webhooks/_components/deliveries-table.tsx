"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { useDates } from "@/components/format";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { useUrlState } from "@/components/use-url-state";
import { WEBHOOK_DELIVERY_STATUS_LABELS } from "@/server/modules/webhooks/webhooks.schema";

const STATUS_TONES = { PENDING: "amber", DELIVERED: "green", FAILED: "red" } as const;
/** The server delivers every few seconds; while something waits, look again about as often. */
const PENDING_REFRESH_MS = 5_000;

/** The endpoint's deliveries, newest first, each with its last answer and a Resend button. */
export function DeliveriesTable({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { formatDateTime } = useDates();
  const { params, set } = useUrlState();
  const cursor = params.get("cursor");
  const deliveries = useQuery({
    ...trpc.webhooks.deliveries.queryOptions({ endpointId, cursor, limit: 25 }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === "PENDING") ? PENDING_REFRESH_MS : false),
  });
  const resend = useMutation(
    trpc.webhooks.resend.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey({ endpointId }) });
        toast.success("Queued to be sent again with the same webhook-id");
      },
      onError: (error) => toast.error(error.message),
    }),
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>Deliveries</CardTitle>
      </CardHeader>
      {deliveries.isPending ? (
        <LoadingRows label="Loading deliveries" />
      ) : deliveries.isError ? (
        <ErrorState title="Deliveries could not be loaded">{deliveries.error.message}</ErrorState>
      ) : deliveries.data.items.length === 0 ? (
        <EmptyState title="No deliveries yet">Each event this endpoint receives is listed here with its answer.</EmptyState>
      ) : (
        <>
          <Table aria-label="Deliveries">
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>Event</Th>
                <Th>Status</Th>
                <Th>Attempts</Th>
                <Th>Response</Th>
                <Th>Last error</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((d) => (
                <tr key={d.id} className="align-top">
                  <Td className="whitespace-nowrap">{formatDateTime(d.createdAt)}</Td>
                  <Td>
                    <code className="text-xs">{d.eventType}</code>
                    <div className="text-xs text-slate-500">{d.eventId}</div>
                  </Td>
                  <Td>
                    <Badge tone={STATUS_TONES[d.status]}>{WEBHOOK_DELIVERY_STATUS_LABELS[d.status]}</Badge>
                    {d.status === "PENDING" && d.attempts > 0 ? <div className="text-xs text-slate-500">next try {formatDateTime(d.nextAttemptAt)}</div> : null}
                  </Td>
                  <Td className="tabular-nums">{d.attempts}</Td>
                  <Td className="whitespace-nowrap tabular-nums">
                    {d.lastResponseCode ?? "—"}
                    {d.lastResponseMs !== null ? <span className="text-xs text-slate-500"> in {d.lastResponseMs} ms</span> : null}
                  </Td>
                  <Td className="max-w-xs break-words text-xs">{d.lastError ?? "—"}</Td>
                  <Td>
                    <Button
                      variant="secondary"
                      size="sm"
                      disabled={resend.isPending && resend.variables.deliveryId === d.id}
                      aria-label={`Resend ${d.eventType} event ${d.eventId}`}
                      onClick={() => resend.mutate({ deliveryId: d.id })}
                    >
                      Resend
                    </Button>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <CursorPager cursor={cursor} nextCursor={deliveries.data.nextCursor} onPage={(next) => set({ cursor: next })} />
        </>
      )}
    </Card>
  );
}
