"use client";
import { useQuery } from "@tanstack/react-query";
import { DateText } from "@/components/date-text";
import { money } from "@/components/money";
import { useCan } from "@/components/providers/actor-context";
import { useTRPC } from "@/components/providers/trpc";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { HOLD_STATUS_LABELS, type HoldStatus } from "@/server/modules/holds/holds.schema";

const TONES = { PLACED: "amber", CAPTURED: "green", RELEASED: "slate", EXPIRED: "slate" } as const satisfies Record<HoldStatus, string>;

/**
 * Store credit held for the shop's orders (checkout holds from the storefront API), open ones
 * first: the balance above is what is left once they are set aside. Hidden when there are none
 * and for roles that cannot read credits.
 */
export function HoldsPanel({ customerId }: { customerId: string }) {
  const canRead = useCan("credits:read");
  return canRead ? <HoldsTable customerId={customerId} /> : null;
}

function HoldsTable({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const holds = useQuery(trpc.holds.list.queryOptions({ customerId }));
  if (holds.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        Holds could not be loaded: {holds.error.message}
      </p>
    );
  }
  const items = holds.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Holds</CardTitle>
      </CardHeader>
      <Table aria-label="Store credit holds for this customer">
        <thead>
          <tr>
            <Th className="text-right">Amount</Th>
            <Th>Order</Th>
            <Th>Expires</Th>
            <Th>Status</Th>
          </tr>
        </thead>
        <tbody>
          {items.map((h) => (
            <tr key={h.id}>
              <Td className="text-right tabular-nums">
                {money(h)}
                {h.status === "CAPTURED" && h.capturedMinor < h.amountMinor ? (
                  <span className="block text-xs text-slate-500">{money({ amountMinor: h.capturedMinor, currency: h.currency })} captured</span>
                ) : null}
              </Td>
              <Td>{h.orderRef}</Td>
              <Td>{h.status === "PLACED" ? <DateText value={h.expiresAt} withTime /> : "—"}</Td>
              <Td>
                <Badge tone={TONES[h.status]}>{HOLD_STATUS_LABELS[h.status]}</Badge>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
