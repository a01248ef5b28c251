"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/components/format";


export function StaffTable() {
  const trpc = useTRPC();
  const staff = useQuery(trpc.staff.list.queryOptions());

  if (staff.isPending) return <Card><LoadingRows label="Loading staff" /></Card>;
  if (staff.isError) return <Card><ErrorState title="Staff could not be loaded">{staff.error.message}</ErrorState></Card>;
  if (staff.data.length === 0) return <Card><EmptyState title="No staff members" /></Card>;

  return (
    <Card>
      <Table aria-label="Staff">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>Added</Th>
          </tr>
        </thead>
        <tbody>
          {staff.data.map((s) => (
            <tr key={s.id}>
              <Td className="font-medium">{s.name}</Td>
              <Td>{s.email}</Td>
              <Td>{s.roleName}</Td>
              <Td>{s.isActive ? "Active" : "Deactivated"}</Td>
              <Td>{formatDate(s.createdAt)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
