"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/components/format";

export function CustomersTable() {
  const trpc = useTRPC();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const page = useQuery(trpc.customers.list.queryOptions({ cursor, limit: 25 }));

  if (page.isPending) return <Card><LoadingRows label="Loading customers" /></Card>;
  if (page.isError) return <Card><ErrorState title="Customers could not be loaded">{page.error.message}</ErrorState></Card>;
  if (page.data.items.length === 0) return <Card><EmptyState title="No customers yet" /></Card>;

  return (
    <Card>
      <Table aria-label="Customers">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Phone</Th>
            <Th>Customer since</Th>
          </tr>
        </thead>
        <tbody>
          {page.data.items.map((c) => (
            <tr key={c.id} className="hover:bg-slate-50">
              <Td className="font-medium">{`${c.firstName} ${c.lastName}`}</Td>
              <Td>{c.email}</Td>
              <Td className="tabular-nums">{c.phone ?? "—"}</Td>
              <Td>{formatDate(c.createdAt)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="flex items-center justify-end gap-2 px-3 py-2">
        <Button variant="secondary" size="sm" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Previous page
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={!page.data.nextCursor}
          onClick={() => setCursors((c) => [...c, page.data.nextCursor])}
        >
          Next page
        </Button>
      </div>
    </Card>
  );
}
