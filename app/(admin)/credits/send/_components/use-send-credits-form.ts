"use client";
import { useEffect, useState } from "react";
import { useMutation, useQueryClient, type Query } from "@tanstack/react-query";
import { useForm, useWatch, type FieldErrors, type Resolver, type ResolverOptions } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { inferRouterOutputs } from "@trpc/server";
import { toast } from "sonner";
import type { z } from "zod";
import { useApprovalNotice } from "@/components/approvals/use-approval-notice";
import type { PickedCustomer } from "@/components/forms/customer-picker";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useIdempotencyKey } from "@/components/forms/use-idempotency-key";
import { useTRPC } from "@/components/providers/trpc";
import { sendPaymentChoiceIssues, ZSendCreditsInput } from "@/server/modules/credits/credits.schema";
import { isApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { formatMoney, parseAmount } from "@/server/lib/money";
import type { AppRouter } from "@/server/trpc/root";
import type { Sent } from "./send-credits-result";

type SettingsOptions = inferRouterOutputs<AppRouter>["settings"]["options"];

type SendCreditsRequest = z.input<typeof ZSendCreditsInput>;
/** The form's values: the request without its idempotency key, which lives outside the form. */
type FormValues = Omit<SendCreditsRequest, "idempotencyKey">;

/** Server field names this form shows beside an input; other errors go to a toast. */
const FORM_FIELDS = [
  "customerId",
  "amount",
  "currency",
  "infrastructureId",
  "methodId",
  "earningAmount",
  "isRevenue",
  "memo",
  "notifyCustomer",
] as const satisfies readonly (keyof FormValues)[];

// The server's own schema, so the form refuses exactly what the server would (amount precision
// per currency, earning zero or more, …). `raw` keeps the typed text: the server parses it again.
const schemaResolver = zodResolver(ZSendCreditsInput, undefined, { raw: true });

/** The earning in minor units, or null while it does not read as an amount. */
function earningMinorOf(text: string, currency: string): bigint | null {
  const parsed = parseAmount(text, currency, { allowZero: true });
  return parsed.ok ? parsed.amountMinor : null;
}

/** The schema's message for an amount in `currency` (server/lib/money.ts parses and words it). */
function amountError(text: string, currency: string, allowZero: boolean): string | null {
  const parsed = parseAmount(text, currency, { allowZero });
  return parsed.ok || parsed.reason === "UNKNOWN_CURRENCY" ? null : parsed.message;
}

export type SendCreditsFormProps = {
  options: SettingsOptions;
  initialReceiver: PickedCustomer | null;
  initialReceiverError?: string | undefined;
};

/** The Send credits form's state: values and validation, the send, and what it turned into. */
export function useSendCreditsForm({ options, initialReceiver, initialReceiverError }: SendCreditsFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [idempotencyKey, renewIdempotencyKey, renewKeyAfterRefusal] = useIdempotencyKey();
  const [receiver, setReceiver] = useState<PickedCustomer | null>(initialReceiver);
  const [sent, setSent] = useState<Sent | null>(null);
  const [requested, setRequested] = useState<{ limitReason: string; customerName: string } | null>(null);

  const defaultValues: FormValues = {
    customerId: initialReceiver?.id ?? "",
    amount: "",
    // The first enabled currency is the store's main one.
    currency: options.currencies[0]?.code ?? "",
    infrastructureId: "",
    methodId: "",
    earningAmount: "0",
    isRevenue: true,
    memo: "",
    notifyCustomer: false,
  };

  // Validates the whole request as it will be sent; the options only name the form's own fields.
  const resolver: Resolver<FormValues> = async (values, context, resolverOptions) => {
    const result = await schemaResolver(
      { ...values, idempotencyKey },
      context,
      resolverOptions as unknown as ResolverOptions<SendCreditsRequest>,
    );
    if (Object.keys(result.errors).length === 0) return result as Awaited<ReturnType<Resolver<FormValues>>>;
    // The schema reads amounts only once every other field is valid; say what is wrong with them now too.
    const errors: FieldErrors<FormValues> = { ...result.errors };
    for (const [field, allowZero] of [["amount", false], ["earningAmount", true]] as const) {
      const message = errors[field] ? null : amountError(values[field] ?? "", values.currency, allowZero);
      if (message) errors[field] = { type: "validate", message };
    }
    const earning = earningMinorOf(values.earningAmount ?? "", values.currency);
    if (earning !== null) {
      for (const issue of sendPaymentChoiceIssues({ earningMinor: earning, infrastructureId: values.infrastructureId, methodId: values.methodId })) {
        errors[issue.field] ??= { type: "validate", message: issue.message };
      }
    }
    return { values: {}, errors };
  };

  const form = useForm<FormValues>({ resolver, defaultValues });
  const { setValue, clearErrors, formState } = form;

  useEffect(() => {
    if (initialReceiverError) form.setError("customerId", { type: "server", message: initialReceiverError });
  }, [form, initialReceiverError]);
  const { errors } = formState;
  const [currency, infrastructureId, amountText, earningText] = useWatch({
    control: form.control,
    name: ["currency", "infrastructureId", "amount", "earningAmount"],
  });
  // Infrastructure and method describe the payment an earning records; a zero earning records none.
  const isPaymentNeeded = (earningMinorOf(earningText ?? "", currency) ?? 0n) > 0n;
  const approvalReason = useApprovalNotice({ kind: "credit", currency, amountText: amountText ?? "" });
  const infrastructure = options.infrastructures.find((i) => i.id === infrastructureId);

  const send = useMutation(
    trpc.credits.send.mutationOptions({
      onSuccess: async (result, variables) => {
        renewIdempotencyKey();
        if (isApprovalPending(result)) {
          // Nothing was sent yet: a manager decides first.
          toast.success("Sent for approval");
          setRequested({ limitReason: result.approvalRequest.limitReason, customerName: receiver ? `${receiver.firstName} ${receiver.lastName}` : "the receiver" });
          await queryClient.invalidateQueries(trpc.approvals.forCustomer.queryFilter({ customerId: variables.customerId }));
          return;
        }
        toast.success(`Sent ${formatMoney(result.amountMinor, result.currency)} to ${result.customerName}`);
        setSent({ result, receiverEmail: receiver?.email ?? "", isRevenue: variables.isRevenue ?? true });
        // Exactly what a send changes: this customer's credits, history, payments and balances.
        const isThisCustomer = (query: Query) =>
          (query.queryKey[1] as { input?: { customerId?: unknown } } | undefined)?.input?.customerId === result.customerId;
        await Promise.all([
          queryClient.invalidateQueries(trpc.credits.list.pathFilter({ predicate: isThisCustomer })),
          queryClient.invalidateQueries(trpc.credits.history.pathFilter({ predicate: isThisCustomer })),
          queryClient.invalidateQueries(trpc.payments.list.pathFilter({ predicate: isThisCustomer })),
          queryClient.invalidateQueries(trpc.customers.summary.pathFilter({ predicate: isThisCustomer })),
        ]);
      },
      onError: (error) => {
        renewKeyAfterRefusal(error);
        const message = applyServerErrors(error, form.setError, FORM_FIELDS);
        if (message) toast.error(message);
      },
    }),
  );

  const chooseReceiver = (customer: PickedCustomer | null) => {
    setReceiver(customer);
    setValue("customerId", customer?.id ?? "", { shouldValidate: formState.isSubmitted });
    if (customer) clearErrors("customerId");
  };

  const sendMore = () => {
    form.reset({ ...defaultValues, customerId: "" });
    setReceiver(null);
    setSent(null);
    setRequested(null);
    send.reset();
  };

  const submit = form.handleSubmit((values) => send.mutate({ ...values, idempotencyKey }));
  return { form, errors, receiver, chooseReceiver, sent, requested, sendMore, submit, isPending: send.isPending, isPaymentNeeded, approvalReason, currency, infrastructure };
}
