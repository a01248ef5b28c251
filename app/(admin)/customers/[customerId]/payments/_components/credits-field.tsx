"use client";
import { useEffect, useRef } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check } from "lucide-react";
import { toast } from "sonner";
import { ApprovalNotice } from "@/components/approvals/approval-notice";
import { useApprovalNotice } from "@/components/approvals/use-approval-notice";
import { useCan } from "@/components/providers/actor-context";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { LoadingRows } from "@/components/ui/states";
import { ReasonSelect } from "@/components/forms/reason-select";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useCreditOptions } from "@/components/forms/use-credit-options";
import { useIdempotencyKey } from "@/components/forms/use-idempotency-key";
import { useInvalidateCredits } from "@/components/forms/use-invalidate-credits";
import { money } from "@/components/money";
import { toDecimalString } from "@/server/lib/money";
import { isApprovalPending } from "@/server/modules/approvals/approvals.schema";

type Values = { currency: string; balance: string; reasonId: string; note: string };
const FIELDS = ["currency", "balance", "reasonId", "note"] as const;

/**
 * Guide 001's Credits field: type the balance the customer should have, give a reason, save.
 * The difference becomes one adjustment in the credit history.
 */
export function CreditsField({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const canSet = useCan("credits:set_balance");
  const options = useCreditOptions();
  const summary = useQuery(trpc.customers.summary.queryOptions({ customerId }));
  const invalidate = useInvalidateCredits();
  const [idempotencyKey, renewKey, renewKeyAfterRefusal] = useIdempotencyKey();
  const { register, handleSubmit, control, getValues, setValue, setError, formState } = useForm<Values>({
    defaultValues: { currency: "", balance: "", reasonId: "", note: "" },
  });
  const queryClient = useQueryClient();
  const [currency, balanceText] = useWatch({ control, name: ["currency", "balance"] });
  const balanceOf = (code: string) => summary.data?.balances?.find((b) => b.currency === code)?.amountMinor ?? 0n;
  const approvalReason = useApprovalNotice({ kind: "set_balance", currency, amountText: balanceText, fromMinor: balanceOf(currency) });
  // What the field was last filled with: a refreshed balance replaces it only while untouched.
  const filled = useRef<{ currency: string; text: string } | null>(null);

  useEffect(() => {
    if (!currency && options.data?.currencies[0]) setValue("currency", options.data.currencies[0].code);
  }, [currency, options.data, setValue]);
  useEffect(() => {
    if (!currency || !summary.data) return;
    const text = toDecimalString(balanceOf(currency), currency);
    const previous = filled.current;
    if (!previous || previous.currency !== currency || getValues("balance") === previous.text) setValue("balance", text);
    filled.current = { currency, text };
    // balanceOf reads summary.data, already listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [currency, summary.data, getValues, setValue]);

  const save = useMutation(
    trpc.credits.setBalance.mutationOptions({
      onSuccess: async (result) => {
        renewKey();
        setValue("reasonId", "");
        setValue("note", "");
        if (isApprovalPending(result)) {
          // The balance is unchanged until a manager approves.
          toast.success(`Sent for approval: ${result.approvalRequest.limitReason}`);
          await queryClient.invalidateQueries(trpc.approvals.forCustomer.queryFilter({ customerId }));
          return;
        }
        toast.success(`Credits set to ${money({ amountMinor: result.balanceMinor, currency: result.currency })}`);
        await invalidate(customerId);
      },
      onError: async (error) => {
        renewKeyAfterRefusal(error);
        const message = applyServerErrors(error, setError, FIELDS);
        if (message) toast.error(message);
        // Someone changed the balance meanwhile: show the new one, keeping what was typed.
        if (error.data?.code === "CONFLICT") await invalidate(customerId);
      },
    }),
  );

  if (options.isPending || summary.isPending) return <LoadingRows rows={2} label="Loading credits" />;
  const balances = summary.data?.balances ?? [];

  if (!canSet) {
    return (
      <dl className="px-4 py-3 text-sm">
        <dt className="text-xs font-medium text-slate-500">Credits</dt>
        <dd className="mt-1 font-semibold tabular-nums">{balances.length ? balances.map(money).join(" · ") : "No store credit"}</dd>
      </dl>
    );
  }

  return (
    <form
      onSubmit={handleSubmit((v) =>
        save.mutate({
          idempotencyKey,
          customerId,
          currency: v.currency,
          balance: v.balance,
          // The balance the "Now" hint shows; the server refuses the save if it is no longer that.
          expectedBalance: toDecimalString(balanceOf(v.currency), v.currency),
          reasonId: v.reasonId,
          note: v.note,
        }),
      )}
      className="grid items-start gap-3 px-4 py-3 sm:grid-cols-[7rem_12rem_14rem_1fr_auto]"
      noValidate
    >
      <Field label="Currency" error={formState.errors.currency?.message}>
        <Select {...register("currency")}>
          {options.data?.currencies.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Credits" hint={`Now ${money({ amountMinor: balanceOf(currency), currency: currency || "USD" })}`} error={formState.errors.balance?.message}>
        <Input inputMode="decimal" autoComplete="off" {...register("balance")} />
      </Field>
      <Field label="Reason" required error={formState.errors.reasonId?.message}>
        <ReasonSelect {...register("reasonId", { required: "Choose why the balance changes" })} />
      </Field>
      <Field label="Note" error={formState.errors.note?.message}>
        <Input {...register("note")} />
      </Field>
      <Button type="submit" size="icon" aria-label={approvalReason ? "Request approval" : "Save credits"} className="mt-5" disabled={save.isPending}>
        <Check aria-hidden="true" className="h-4 w-4" />
      </Button>
      <div className="sm:col-span-5">
        <ApprovalNotice reason={approvalReason} />
      </div>
    </form>
  );
}
