"use client";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useInvalidateRoles } from "./use-invalidate-roles";

/** Deletes an unused custom role; the server refuses (and the dialog says so) while anyone has it. */
export function DeleteRoleDialog({ role, onClose }: { role: { key: string; name: string }; onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateRoles();
  const remove = useMutation(
    trpc.roles.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        toast.success(`Role “${role.name}” deleted`);
        onClose();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())} title={`Delete role “${role.name}”?`}>
      <div className="space-y-3">
        <p className="text-sm text-slate-700">The role and its money limits are removed. Staff members who still have it must get another role first.</p>
        {remove.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {remove.error.message}
          </p>
        ) : null}
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onClose} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ key: role.key })}>
            {remove.isPending ? "Deleting…" : "Delete role"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
