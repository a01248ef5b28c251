"use client";
import { useEffect, useId, useState, type ReactNode } from "react";
import { NotifyCustomerField } from "@/components/forms/notify-customer-field";
import Link from "next/link";
import { useMutation, useQueryClient, type Query } from "@tanstack/react-query";
import { useForm, useWatch, type FieldErrors, type Resolver, type ResolverOptions } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { inferRouterOutputs } from "@trpc/server";
import { toast } from "sonner";
import type { z } from "zod";
import { ApprovalNotice } from "@/components/approvals/approval-notice";
import { useApprovalNotice } from "@/components/approvals/use-approval-notice";
import { CustomerPicker, type PickedCustomer } from "@/components/forms/customer-picker";
import { MoneyInput } from "@/components/forms/money-input";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useIdempotencyKey } from "@/components/forms/use-idempotency-key";
import { useCan } from "@/components/providers/actor-context";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Checkbox, Select, Textarea } from "@/components/ui/select";
import { sendPaymentChoiceIssues, ZSendCreditsInput } from "@/server/modules/credits/credits.schema";
import { isApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { formatMoney, parseAmount } from "@/server/lib/money";
import { RequestedPanel, SentPanel, type Sent } from "./send-credits-result";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;
type SettingsOptions = Outputs["settings"]["options"];

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

type Props = {
  options: SettingsOptions;
  initialReceiver: PickedCustomer | null;
  initialReceiverError?: string | undefined;
};

export function SendCreditsForm({ options, initialReceiver, initialReceiverError }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canManageSettings = useCan("settings:manage");
  const [idempotencyKey, renewIdempotencyKey, renewKeyAfterRefusal] = useIdempotencyKey();
  const [receiver, setReceiver] = useState<PickedCustomer | null>(initialReceiver);
  const [sent, setSent] = useState<Sent | null>(null);
  const [requested, setRequested] = useState<{ limitReason: string; customerName: string } | null>(null);
  const isSingleCurrency = options.currencies.length === 1;
  const hintIds = { revenue: useId() };

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
  const { register, setValue, clearErrors, formState } = form;

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

  if (sent) return <SentPanel sent={sent} onSendMore={sendMore} />;
  if (requested) return <RequestedPanel {...requested} onSendMore={sendMore} />;

  const isPending = send.isPending;
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => send.mutate({ ...values, idempotencyKey }))}
      className="space-y-4"
    >
      <p className="text-xs text-slate-500">Fields marked * are required.</p>
      <fieldset disabled={isPending} className="space-y-4">
        <Field label="Receiver user" required error={errors.customerId?.message} hint="Search by name, email or phone; the credit goes to this customer.">
          <CustomerPicker value={receiver} onChange={chooseReceiver} changeLabel="Change receiver" aria-required />
        </Field>

        <div className="grid grid-cols-2 gap-3">
          <Field label="Credit amount" required error={errors.amount?.message} hint="What the customer receives.">
            <MoneyInput currency={currency} placeholder="0.00" aria-required {...register("amount")} />
          </Field>
          <Field label="Currency" required error={errors.currency?.message} hint="The balance the credit goes to.">
            {isSingleCurrency ? (
              <output className="flex h-8 items-center text-sm text-slate-900">{options.currencies[0]?.code}</output>
            ) : (
              <Select aria-required {...register("currency")}>
                {options.currencies.length === 0 ? <option value="">No currency enabled</option> : null}
                {options.currencies.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} · {c.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        {options.currencies.length === 0 ? <SettingsHint canManage={canManageSettings}>No currency is enabled.</SettingsHint> : null}

        <Field
          label="Earning amount"
          required
          error={errors.earningAmount?.message}
          hint="What the store was paid for these credits; 0 records no payment."
        >
          <MoneyInput currency={currency} aria-required {...register("earningAmount")} />
        </Field>

        <Field
          label="Payment infrastructure"
          required={isPaymentNeeded}
          error={errors.infrastructureId?.message}
          hint={isPaymentNeeded ? "How the store was paid; the earning is recorded through it." : "Needed only when the earning is above 0."}
        >
          <Select aria-required={isPaymentNeeded} {...register("infrastructureId", { onChange: () => setValue("methodId", "") })}>
            <option value="">{isPaymentNeeded ? "Choose an infrastructure" : "None"}</option>
            {options.infrastructures.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </Select>
        </Field>
        {options.infrastructures.length === 0 ? (
          <SettingsHint canManage={canManageSettings}>No payment infrastructure is active.</SettingsHint>
        ) : null}

        <Field
          label="Payment method"
          required={isPaymentNeeded}
          error={errors.methodId?.message}
          hint={isPaymentNeeded ? "One of the chosen infrastructure’s methods." : "Needed only when the earning is above 0."}
        >
          <Select aria-required={isPaymentNeeded} disabled={!infrastructure} {...register("methodId")}>
            <option value="">{infrastructure ? "Choose a method" : "Choose an infrastructure first"}</option>
            {infrastructure?.methods.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </Select>
        </Field>
        {infrastructure && infrastructure.methods.length === 0 ? (
          <SettingsHint canManage={canManageSettings}>{infrastructure.name} has no active payment method.</SettingsHint>
        ) : null}

        <div className="space-y-1">
          <Checkbox label="Count as real revenue" aria-describedby={hintIds.revenue} {...register("isRevenue")} />
          <p id={hintIds.revenue} className="pl-6 text-xs text-slate-500">
            The guide’s real person earning option: off marks the earning as non-revenue, e.g. a test or promotional payment.
          </p>
          {errors.isRevenue?.message ? <p role="alert" className="pl-6 text-xs text-red-600">{errors.isRevenue.message}</p> : null}
        </div>

        <Field label="Memo" error={errors.memo?.message} hint="Internal note; the customer never sees it.">
          <Textarea rows={2} maxLength={500} {...register("memo")} />
        </Field>

        <NotifyCustomerField contact={receiver} {...register("notifyCustomer")} />
      </fieldset>

      <ApprovalNotice reason={approvalReason} />
      <div className="flex justify-end border-t border-slate-200 pt-4">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Sending…" : approvalReason ? "Request approval" : "Send credits"}
        </Button>
      </div>
    </form>
  );
}

function SettingsHint({ canManage, children }: { canManage: boolean; children: ReactNode }) {
  return (
    <p className="-mt-2 text-xs text-amber-800">
      {children}{" "}
      {canManage ? (
        <Link href="/settings" className="underline">
          Add or activate one in Settings
        </Link>
      ) : (
        "Ask an admin to add or activate one in Settings."
      )}
    </p>
  );
}

