"use client";
import { useForm, type FieldErrors, type Resolver, type ResolverOptions } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import type { RefundReason, RefundType } from "@/prisma/generated/enums";
import { refundFormErrors } from "@/components/refunds/refund-rules";
import { ZCreateRefundInput } from "@/server/modules/refunds/refunds.schema";
import type { PaymentItem } from "./payment-item";

export type RefundFormValues = {
  type: RefundType;
  amount: string;
  reason: RefundReason | "";
  explanation: string;
  note: string;
  notifyCustomer: boolean;
};

/** Server field names the form shows beside an input; other errors go to a toast. */
export const REFUND_FORM_FIELDS = ["type", "amount", "reason", "explanation", "note", "notifyCustomer"] as const satisfies readonly (keyof RefundFormValues)[];

type CreateRefundRequest = z.input<typeof ZCreateRefundInput>;

// The server's own schema, so the form refuses what the server would; `raw` keeps the typed amount.
const schemaResolver = zodResolver(ZCreateRefundInput, undefined, { raw: true });

const isFormField = (name: string): name is keyof RefundFormValues => (REFUND_FORM_FIELDS as readonly string[]).includes(name);

/**
 * The refund form of one payment: first allowed type, customer notified, and no amount: a hurried
 * click-through must not refund everything ("Refund all" fills the remainder in one click).
 */
export function useRefundForm(payment: PaymentItem, idempotencyKey: string) {
  const resolver: Resolver<RefundFormValues> = async (values, context, options) => {
    const request = { ...values, idempotencyKey, paymentId: payment.id, currency: payment.currency } as CreateRefundRequest;
    const result = await schemaResolver(request, context, options as unknown as ResolverOptions<CreateRefundRequest>);
    const errors: FieldErrors<RefundFormValues> = {};
    // Errors on the fields outside the form (key, payment, currency) come from the server as a toast.
    for (const [name, error] of Object.entries(result.errors)) {
      if (isFormField(name) && typeof error?.message === "string") errors[name] = { type: "validate", message: error.message };
    }
    // The schema cannot know the remainder, and reads the amount only once the rest is valid.
    for (const [name, message] of Object.entries(refundFormErrors(values, payment)) as [keyof RefundFormValues, string][]) {
      errors[name] ??= { type: "validate", message };
    }
    return Object.keys(errors).length === 0 ? { values, errors: {} } : { values: {}, errors };
  };

  return useForm<RefundFormValues>({
    resolver,
    defaultValues: {
      type: payment.refundTypes[0] ?? "STORE_CREDIT",
      amount: "",
      reason: "",
      explanation: "",
      note: "",
      notifyCustomer: false,
    },
  });
}
