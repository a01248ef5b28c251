"use client";
import { useId, type ReactNode } from "react";
import { NotifyCustomerField } from "@/components/forms/notify-customer-field";
import Link from "next/link";
import { ApprovalNotice } from "@/components/approvals/approval-notice";
import { CustomerPicker } from "@/components/forms/customer-picker";
import { MoneyInput } from "@/components/forms/money-input";
import { useCan } from "@/components/providers/actor-context";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Checkbox, Select, Textarea } from "@/components/ui/select";
import { RequestedPanel, SentPanel } from "./send-credits-result";
import { useSendCreditsForm, type SendCreditsFormProps } from "./use-send-credits-form";

/** Guide 000's form, on the page: one hint under each field; the outcome replaces it after a send. */
export function SendCreditsForm(props: SendCreditsFormProps) {
  const { options } = props;
  const canManageSettings = useCan("settings:manage");
  const isSingleCurrency = options.currencies.length === 1;
  const hintIds = { revenue: useId() };
  const { form, errors, receiver, chooseReceiver, sent, requested, sendMore, submit, isPending, isPaymentNeeded, approvalReason, currency, infrastructure } =
    useSendCreditsForm(props);
  const { register, setValue } = form;

  if (sent) return <SentPanel sent={sent} onSendMore={sendMore} />;
  if (requested) return <RequestedPanel {...requested} onSendMore={sendMore} />;

  return (
    <form
      noValidate
      onSubmit={submit}
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

