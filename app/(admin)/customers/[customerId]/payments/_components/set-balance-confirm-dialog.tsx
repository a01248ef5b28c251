"use client";
import { ApprovalNotice } from "@/components/approvals/approval-notice";
import { useDates } from "@/components/format";
import { money } from "@/components/money";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { PendingChange } from "./use-set-balance-form";

type Props = {
  pending: PendingChange;
  /** Why this change needs a second person's approval, or null when it is saved directly. */
  approvalReason: string | null;
  isSaving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/** States what the save will do, from the server's preview, before anything changes. */
export function SetBalanceConfirmDialog({ pending, approvalReason, isSaving, onConfirm, onCancel }: Props) {
  const { formatDate } = useDates();
  const { preview } = pending;
  const amount = (amountMinor: bigint) => money({ amountMinor, currency: preview.currency });
  const confirmLabel = approvalReason ? "Request approval" : `Set balance to ${amount(preview.toMinor)}`;
  return (
    <Dialog open onOpenChange={(open) => (open || isSaving ? null : onCancel())} title="Confirm the new balance">
      <div className="space-y-3 text-sm text-slate-700">
        <p className="font-medium text-slate-900">{preview.summary}</p>
        {preview.change.kind === "lower" ? (
          <ul aria-label="Credits this takes from" className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {preview.change.credits.map((credit) => (
              <li key={credit.creditId} className="flex flex-wrap justify-between gap-x-3 px-3 py-2">
                <span>
                  {credit.categoryName} credit of {formatDate(credit.createdAt)}
                </span>
                <span className="tabular-nums">
                  takes {amount(credit.takenMinor)}, leaves {amount(credit.leftMinor)}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        <ApprovalNotice reason={approvalReason} />
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onCancel} disabled={isSaving}>
            Cancel
          </Button>
          <Button onClick={onConfirm} disabled={isSaving}>
            {isSaving ? "Saving…" : confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
