"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Badge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { isPermission, PERMISSIONS } from "@/server/auth/permissions";
import { DeleteRoleDialog } from "./delete-role-dialog";
import { RoleDialog, type EditableRole } from "./role-dialog";

type Open = { kind: "edit" | "delete"; role: EditableRole } | null;

export function RolesTable() {
  const trpc = useTRPC();
  const roles = useQuery(trpc.roles.list.queryOptions());
  const [open, setOpen] = useState<Open>(null);

  if (roles.isPending) return <Card><LoadingRows label="Loading roles" /></Card>;
  if (roles.isError) {
    return (
      <Card>
        <ErrorState title="Roles could not be loaded">
          <p>{roles.error.message}</p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => void roles.refetch()}>
            Try again
          </Button>
        </ErrorState>
      </Card>
    );
  }
  if (roles.data.length === 0) return <Card><EmptyState title="No roles" /></Card>;

  return (
    <Card>
      <Table aria-label="Roles">
        <thead>
          <tr>
            <Th>Role</Th>
            <Th>May</Th>
            <Th className="text-right">Members</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {roles.data.map((role) => (
            <tr key={role.key} className="align-top">
              <Td>
                <div className="flex items-center gap-2">
                  <span className="font-medium">{role.name}</span>
                  {role.isBuiltIn ? <Badge>Built-in</Badge> : null}
                </div>
                {role.description ? <p className="mt-0.5 text-xs text-slate-500">{role.description}</p> : null}
              </Td>
              <Td>
                <PermissionList permissions={role.permissions} />
              </Td>
              <Td className="text-right tabular-nums">{role.memberCount}</Td>
              <Td className="text-right whitespace-nowrap">
                {role.isBuiltIn ? (
                  <span className="text-xs text-slate-500">Locked</span>
                ) : (
                  <div className="flex justify-end gap-1.5">
                    <Button variant="ghost" size="sm" onClick={() => setOpen({ kind: "edit", role })}>
                      Edit<span className="sr-only"> {role.name}</span>
                    </Button>
                    <Button variant="secondary" size="sm" onClick={() => setOpen({ kind: "delete", role })}>
                      Delete<span className="sr-only"> {role.name}</span>
                    </Button>
                  </div>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {open?.kind === "edit" ? <RoleDialog role={open.role} onClose={() => setOpen(null)} /> : null}
      {open?.kind === "delete" ? <DeleteRoleDialog role={open.role} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

function PermissionList({ permissions }: { permissions: string[] }) {
  if (permissions.length === 0) return <span className="text-xs text-slate-500">Nothing</span>;
  return (
    <ul className="space-y-0.5 text-xs text-slate-700">
      {permissions.map((key) => (
        <li key={key}>{isPermission(key) ? PERMISSIONS[key] : key}</li>
      ))}
    </ul>
  );
}
