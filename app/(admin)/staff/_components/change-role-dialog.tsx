"use client";
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { ConfirmDialog } from "./confirm-dialog";
import type { StaffRow } from "./staff-row-actions";
import { useInvalidateStaff } from "./use-invalidate-staff";

/** Change role: the new permissions apply at once, and the member is signed out everywhere. */
export function ChangeRoleDialog({ staff, onClose }: { staff: StaffRow; onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateStaff();
  const roles = useQuery({ ...trpc.staff.roleOptions.queryOptions(), staleTime: 60_000 });
  const [role, setRole] = useState(staff.role);
  const change = useMutation(
    trpc.staff.changeRole.mutationOptions({
      onSuccess: async () => {
        toast.success(`${staff.name} is now ${roles.data?.find((r) => r.key === role)?.name ?? "in the new role"}`);
        onClose();
        await invalidate();
      },
    }),
  );
  return (
    <ConfirmDialog
      title={`Change role of ${staff.name}`}
      confirmLabel="Change role"
      pendingLabel="Changing…"
      isPending={change.isPending}
      isConfirmDisabled={role === staff.role}
      error={change.error?.message ?? (roles.isError ? "Roles could not be loaded" : null)}
      onConfirm={() => change.mutate({ staffId: staff.id, role })}
      onClose={onClose}
    >
      <div className="space-y-3">
        <Field label="Role">
          <Select value={role} onChange={(e) => setRole(e.target.value)} disabled={roles.isPending}>
            {roles.data?.map((r) => (
              <option key={r.key} value={r.key}>
                {r.name}
              </option>
            )) ?? <option value={staff.role}>{staff.roleName}</option>}
          </Select>
        </Field>
        <p>They are signed out everywhere and sign in again with the new role’s permissions.</p>
      </div>
    </ConfirmDialog>
  );
}
