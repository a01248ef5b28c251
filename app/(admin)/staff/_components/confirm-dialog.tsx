"use client";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

type Props = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  isPending: boolean;
  /** The server's refusal, shown as the plain sentence it is (e.g. the last active admin). */
  error: string | null;
  isDanger?: boolean;
  /** E.g. nothing changed yet. */
  isConfirmDisabled?: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

/** "Are you sure?" for one staff change; a refusal stays in the dialog, beside its cause. */
export function ConfirmDialog({ title, children, confirmLabel, pendingLabel, isPending, error, isDanger, isConfirmDisabled, onConfirm, onClose }: Props) {
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())} title={title}>
      <div className="space-y-3">
        <div className="text-sm text-slate-700">{children}</div>
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant={isDanger ? "danger" : "primary"} disabled={isPending || isConfirmDisabled} onClick={onConfirm}>
            {isPending ? pendingLabel : confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
