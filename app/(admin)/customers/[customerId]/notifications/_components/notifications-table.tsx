"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { useDates } from "@/components/format";
import { useUrlState } from "@/components/use-url-state";
import { DeliveryStatus } from "./delivery-status";
import { CursorPager } from "@/components/ui/cursor-pager";

const CHANNEL_LABELS = { SMS: "SMS", EMAIL: "Email" } as const;
/** The server delivers every 15 s; while something waits, look again about as often. */
const PENDING_REFRESH_MS = 10_000;

/** Every SMS and email the customer was sent (or is about to be), newest first. */
export function NotificationsTable({ customerId }: { customerId: string }) {
  const { formatDateTime } = useDates();
  const trpc = useTRPC();
  const { params, set } = useUrlState();
  const cursor = params.get("cursor");
  const notifications = useQuery({
    ...trpc.notifications.list.queryOptions({ customerId, cursor, limit: 50 }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((n) => n.status === "PENDING") ? PENDING_REFRESH_MS : false),
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>Notifications</CardTitle>
      </CardHeader>
      {notifications.isPending ? (
        <LoadingRows label="Loading notifications" />
      ) : notifications.isError ? (
        <ErrorState title="Notifications could not be loaded">{notifications.error.message}</ErrorState>
      ) : notifications.data.items.length === 0 ? (
        <EmptyState title="No notifications">Messages sent to this customer (SMS and email) will be listed here.</EmptyState>
      ) : (
        <>
          <Table aria-label="Notifications">
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>Channel</Th>
                <Th>Recipient</Th>
                <Th>Message</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {notifications.data.items.map((n) => (
                <tr key={n.id} className="align-top">
                  <Td className="whitespace-nowrap">{formatDateTime(n.createdAt)}</Td>
                  <Td>{CHANNEL_LABELS[n.channel]}</Td>
                  <Td className="whitespace-nowrap tabular-nums">{n.recipient}</Td>
                  <Td className="min-w-64 max-w-xl whitespace-pre-line break-words">{n.body}</Td>
                  <Td className="min-w-44 max-w-xs">
                    <DeliveryStatus notification={n} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <CursorPager cursor={cursor} nextCursor={notifications.data.nextCursor} onPage={(next) => set({ cursor: next })} />
        </>
      )}
    </Card>
  );
}
