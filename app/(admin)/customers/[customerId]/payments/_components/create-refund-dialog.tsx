"use client";
import { useEffect, useRef, useState } from "react";
import { useIsMutating, useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useIdempotencyKey } from "@/components/forms/use-idempotency-key";
import { useTRPC } from "@/components/providers/trpc";
import { useInvalidateRefund } from "@/components/refunds/use-invalidate-refund";
import { Dialog } from "@/components/ui/dialog";
import { money } from "@/components/money";
import type { RefundReason } from "@/prisma/generated/enums";
import { isApprovalPending } from "@/server/modules/approvals/approvals.schema";
import type { CreateRefundResult } from "@/server/modules/refunds/refund-view";
import type { CustomerContact, PaymentItem } from "./payment-item";
import { RefundFormStep } from "./refund-form-step";
import { RefundOutcome, RefundRequested } from "./refund-outcome";
import { RefundReviewStep } from "./refund-review-step";
import { REFUND_FORM_FIELDS, useRefundForm } from "./use-refund-form";

type Props = { payment: PaymentItem | null; customer: CustomerContact; onClose: () => void };

/** Guide 001 steps 8–11: the refund form, its review, and the answer. Open while `payment` is set. */
export function CreateRefundDialog({ payment, customer, onClose }: Props) {
  const trpc = useTRPC();
  // A refund in flight finishes in view: its outcome is the only place a decline is explained.
  const isExecuting = useIsMutating({ mutationKey: trpc.refunds.create.mutationKey() }) > 0;
  return (
    <Dialog
      open={payment !== null}
      onOpenChange={(open) => {
        if (!open && !isExecuting) onClose();
      }}
      title="Create refund"
      description={payment ? `${payment.reference} · ${money(payment)} by ${payment.methodLabel}` : undefined}
    >
      {/* Mounted per opening: a new idempotency key and a fresh form each time. */}
      {payment ? <RefundFlow payment={payment} customer={customer} onClose={onClose} /> : null}
    </Dialog>
  );
}

type Step =
  | { name: "form" }
  | { name: "review" }
  | { name: "outcome"; result: CreateRefundResult }
  | { name: "requested"; limitReason: string };

function RefundFlow({ payment, customer, onClose }: { payment: PaymentItem; customer: CustomerContact; onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateRefund();
  const queryClient = useQueryClient();
  // Made when the dialog opens and kept while it is open, so a double click or a retry refunds once.
  const [idempotencyKey, , renewKeyAfterRefusal] = useIdempotencyKey();
  const form = useRefundForm(payment, idempotencyKey);
  const [step, setStep] = useState<Step>({ name: "form" });

  const create = useMutation(
    trpc.refunds.create.mutationOptions({
      onSuccess: async (result) => {
        if (isApprovalPending(result)) {
          // Nothing was refunded: a manager decides first.
          toast.success("Sent for approval");
          setStep({ name: "requested", limitReason: result.approvalRequest.limitReason });
          await queryClient.invalidateQueries(trpc.approvals.forCustomer.queryFilter({ customerId: customer.id }));
          return;
        }
        setStep({ name: "outcome", result });
        await invalidate(result.refund);
      },
      onError: (error) => {
        renewKeyAfterRefusal(error);
        const message = applyServerErrors(error, form.setError, REFUND_FORM_FIELDS);
        if (message) toast.error(message);
        else setStep({ name: "form" });
      },
    }),
  );

  // Back on the form (by Back or a server error): focus the first field in error, else the first field.
  const wasOnForm = useRef(true);
  useEffect(() => {
    const isOnForm = step.name === "form";
    if (isOnForm && !wasOnForm.current) {
      form.setFocus(REFUND_FORM_FIELDS.find((name) => form.getFieldState(name).error) ?? "type");
    }
    wasOnForm.current = isOnForm;
  }, [step, form]);

  if (step.name === "requested") return <RefundRequested limitReason={step.limitReason} onClose={onClose} />;
  if (step.name === "outcome") return <RefundOutcome result={step.result} customer={customer} onClose={onClose} />;

  const execute = () => {
    const values = form.getValues();
    create.mutate({
      idempotencyKey,
      paymentId: payment.id,
      currency: payment.currency,
      type: values.type,
      amount: values.amount,
      reason: values.reason as RefundReason,
      explanation: values.reason === "OTHER" ? values.explanation : "",
      note: values.note,
      notifyCustomer: values.notifyCustomer,
    });
  };

  return (
    <>
      <RefundFormStep
        form={form}
        payment={payment}
        customer={customer}
        hidden={step.name !== "form"}
        onCancel={onClose}
        onReview={() => setStep({ name: "review" })}
      />
      {step.name === "review" ? (
        <RefundReviewStep
          values={form.getValues()}
          payment={payment}
          customer={customer}
          isExecuting={create.isPending}
          onBack={() => setStep({ name: "form" })}
          onExecute={execute}
        />
      ) : null}
    </>
  );
}
