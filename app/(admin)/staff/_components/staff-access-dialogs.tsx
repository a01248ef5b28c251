"use client";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { ConfirmDialog } from "./confirm-dialog";
import type { OneTimeLink } from "./one-time-link-dialog";
import type { StaffRow } from "./staff-row-actions";
import { useInvalidateStaff } from "./use-invalidate-staff";

/** Deactivate (signs them out everywhere) or reactivate. */
export function AccessDialog({ staff, onClose }: { staff: StaffRow; onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateStaff();
  const options = {
    onSuccess: async () => {
      toast.success(staff.isActive ? `Deactivated ${staff.name}` : `Reactivated ${staff.name}`);
      onClose();
      await invalidate();
    },
  };
  const deactivate = useMutation(trpc.staff.deactivate.mutationOptions(options));
  const reactivate = useMutation(trpc.staff.reactivate.mutationOptions(options));
  const change = staff.isActive ? deactivate : reactivate;
  return (
    <ConfirmDialog
      title={staff.isActive ? `Deactivate ${staff.name}` : `Reactivate ${staff.name}`}
      confirmLabel={staff.isActive ? "Deactivate" : "Reactivate"}
      pendingLabel={staff.isActive ? "Deactivating…" : "Reactivating…"}
      isDanger={staff.isActive}
      isPending={change.isPending}
      error={change.error?.message ?? null}
      onConfirm={() => change.mutate({ staffId: staff.id })}
      onClose={onClose}
    >
      {staff.isActive ? (
        <p>
          {staff.name} ({staff.email}) can no longer sign in, and is signed out everywhere at once. Their history stays.
        </p>
      ) : (
        <p>
          {staff.name} ({staff.email}) can sign in again with their password, as {staff.roleName}.
        </p>
      )}
    </ConfirmDialog>
  );
}

/** Reset password: the old one stops working, their sessions end, and a new one-time link is made. */
export function ResetPasswordDialog({ staff, onClose, onReset }: { staff: StaffRow; onClose: () => void; onReset: (link: OneTimeLink) => void }) {
  const trpc = useTRPC();
  const reset = useMutation(
    trpc.staff.resetPassword.mutationOptions({
      onSuccess: (created) => {
        toast.success(`Password reset for ${staff.name}`);
        onReset({ name: staff.name, ...created });
      },
    }),
  );
  return (
    <ConfirmDialog
      title={`Reset password for ${staff.name}`}
      confirmLabel="Reset password"
      pendingLabel="Resetting…"
      isDanger
      isPending={reset.isPending}
      error={reset.error?.message ?? null}
      onConfirm={() => reset.mutate({ staffId: staff.id })}
      onClose={onClose}
    >
      <p>
        Their current password stops working and they are signed out everywhere. You get a new one-time link (valid 24 hours)
        to give them; any earlier link stops working.
      </p>
    </ConfirmDialog>
  );
}
