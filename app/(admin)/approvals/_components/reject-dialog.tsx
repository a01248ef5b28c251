"use client";
import { useForm } from "react-hook-form";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/select";
import { money } from "@/components/money";
import { APPROVABLE_OPERATION_LABELS, type ApprovalRequestView } from "@/server/modules/approvals/approvals.schema";
import { approvalTargetName } from "./approval-target";

type Props = { request: ApprovalRequestView | null; onClose: () => void; onDecided: () => Promise<unknown> };

/** Rejecting writes only the decision; the requester reads the reason in My requests. */
export function RejectDialog({ request, onClose, onDecided }: Props) {
  return (
    <Dialog
      open={request !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title="Reject request"
      description={request ? `${APPROVABLE_OPERATION_LABELS[request.operation]} of ${money(request)} for ${approvalTargetName(request)}, by ${request.requester.name}` : undefined}
    >
      {request ? <RejectForm request={request} onClose={onClose} onDecided={onDecided} /> : null}
    </Dialog>
  );
}

function RejectForm({ request, onClose, onDecided }: { request: ApprovalRequestView; onClose: () => void; onDecided: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const { register, handleSubmit, setError, formState } = useForm<{ reason: string }>({ defaultValues: { reason: "" } });
  const reject = useMutation(
    trpc.approvals.reject.mutationOptions({
      onSuccess: async () => {
        toast.success("Request rejected");
        onClose();
        await onDecided();
      },
      onError: async (error) => {
        const message = applyServerErrors(error, setError, ["reason"]);
        if (message) {
          toast.error(message);
          onClose();
        }
        await onDecided();
      },
    }),
  );
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={handleSubmit((v) => reject.mutate({ idempotencyKey: crypto.randomUUID(), requestId: request.id, reason: v.reason }))}
    >
      <Field label="Reason" required error={formState.errors.reason?.message} hint="The requester sees it.">
        <Textarea rows={2} maxLength={500} aria-required {...register("reason", { validate: (v) => v.trim() !== "" || "Enter a reason" })} />
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={reject.isPending}>
          {reject.isPending ? "Rejecting…" : "Reject request"}
        </Button>
      </div>
    </form>
  );
}
