"use client";
import { ApprovalNotice } from "@/components/approvals/approval-notice";
import { useCan } from "@/components/providers/actor-context";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { LoadingRows } from "@/components/ui/states";
import { MoneyInput } from "@/components/forms/money-input";
import { ReasonSelect } from "@/components/forms/reason-select";
import { money } from "@/components/money";
import { SetBalanceConfirmDialog } from "./set-balance-confirm-dialog";
import { useSetBalanceForm } from "./use-set-balance-form";

/**
 * Guide 001's Credits field: type the balance the customer should have, give a reason, save.
 * The difference becomes one adjustment in the credit history; a confirmation says which
 * credits it touches (from the server) before anything changes.
 */
export function CreditsField({ customerId }: { customerId: string }) {
  const canSet = useCan("credits:set_balance");
  const f = useSetBalanceForm(customerId);
  const { register, formState } = f.form;

  if (f.options.isPending || f.summary.isPending) return <LoadingRows rows={2} label="Loading credits" />;
  const balances = f.summary.data?.balances ?? [];

  if (!canSet) {
    return (
      <dl className="px-4 py-3 text-sm">
        <dt className="text-xs font-medium text-slate-500">Credits</dt>
        <dd className="mt-1 font-semibold tabular-nums">{balances.length ? balances.map(money).join(" · ") : "No store credit"}</dd>
      </dl>
    );
  }

  return (
    <form onSubmit={f.review} className="grid items-start gap-3 px-4 py-3 sm:grid-cols-[7rem_12rem_14rem_1fr_auto]" noValidate>
      <Field label="Currency" error={formState.errors.currency?.message}>
        <Select {...register("currency")}>
          {f.options.data?.currencies.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Credits" hint={`Now ${money({ amountMinor: f.nowMinor, currency: f.currency || "USD" })}${f.heldMinor > 0n ? `, ${money({ amountMinor: f.heldMinor, currency: f.currency })} of it on hold` : ""}`} error={formState.errors.balance?.message}>
        <MoneyInput currency={f.currency} {...register("balance")} />
      </Field>
      <Field label="Reason" required error={formState.errors.reasonId?.message}>
        <ReasonSelect {...register("reasonId", { required: "Choose why the balance changes" })} />
      </Field>
      <Field label="Note" error={formState.errors.note?.message}>
        <Input {...register("note")} />
      </Field>
      <Button type="submit" className="mt-5" disabled={f.isPreviewing || f.isSaving}>
        {f.isPreviewing ? "Checking…" : f.approvalReason ? "Request approval" : "Save balance"}
      </Button>
      <div className="sm:col-span-5">
        <ApprovalNotice reason={f.approvalReason} />
      </div>
      {f.pending ? (
        <SetBalanceConfirmDialog pending={f.pending} approvalReason={f.approvalReason} isSaving={f.isSaving} onConfirm={f.confirm} onCancel={f.cancel} />
      ) : null}
    </form>
  );
}
