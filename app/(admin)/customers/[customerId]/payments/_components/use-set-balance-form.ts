"use client";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { useApprovalNotice } from "@/components/approvals/use-approval-notice";
import { useTRPC } from "@/components/providers/trpc";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useCreditOptions } from "@/components/forms/use-credit-options";
import { useIdempotencyKey } from "@/components/forms/use-idempotency-key";
import { useInvalidateCredits } from "@/components/forms/use-invalidate-credits";
import { money } from "@/components/money";
import { toDecimalString } from "@/server/lib/money";
import { isApprovalPending } from "@/server/modules/approvals/approvals.schema";
import type { SetBalancePreview } from "@/server/modules/credits/set-balance-preview";

export type SetBalanceValues = { currency: string; balance: string; reasonId: string; note: string };
const FIELDS = ["currency", "balance", "reasonId", "note"] as const;

/** What the confirmation shows, and what its confirm button saves. */
export type PendingChange = { values: SetBalanceValues; expectedBalance: string; preview: SetBalancePreview };

/**
 * The Credits field's state: the balance typed per currency, the server's preview of the change
 * (asked on Save, shown for confirmation) and the save itself.
 */
export function useSetBalanceForm(customerId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useCreditOptions();
  const summary = useQuery(trpc.customers.summary.queryOptions({ customerId }));
  const invalidate = useInvalidateCredits();
  const [idempotencyKey, renewKey, renewKeyAfterRefusal] = useIdempotencyKey();
  const form = useForm<SetBalanceValues>({ defaultValues: { currency: "", balance: "", reasonId: "", note: "" } });
  const { getValues, setValue, setError, clearErrors } = form;
  const [currency, balanceText] = useWatch({ control: form.control, name: ["currency", "balance"] });
  // Setting the balance sets the whole balance (the ledger's), open holds included; it is not the spendable amount shown elsewhere.
  const balanceOf = (code: string) => summary.data?.balances?.find((b) => b.currency === code)?.totalMinor ?? 0n;
  const approvalReason = useApprovalNotice({ kind: "set_balance", currency, amountText: balanceText, fromMinor: balanceOf(currency) });
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [isPreviewing, setIsPreviewing] = useState(false);

  // The currency and balance the field was last filled for, and what was typed in other currencies.
  const filled = useRef<{ currency: string; text: string } | null>(null);
  const drafts = useRef(new Map<string, string>());
  useEffect(() => {
    if (!currency && options.data?.currencies[0]) setValue("currency", options.data.currencies[0].code);
  }, [currency, options.data, setValue]);
  useEffect(() => {
    if (!currency || !summary.data) return;
    const text = toDecimalString(balanceOf(currency), currency);
    const previous = filled.current;
    const typed = getValues("balance");
    if (previous && previous.currency !== currency) {
      // Switching currency keeps what was typed for the one left, and brings back this one's.
      if (typed !== previous.text) drafts.current.set(previous.currency, typed);
      else drafts.current.delete(previous.currency);
      setValue("balance", drafts.current.get(currency) ?? text);
      clearErrors("balance");
    } else if (!previous || typed === previous.text) {
      // A refreshed balance replaces the field only while it is untouched.
      setValue("balance", text);
    }
    filled.current = { currency, text };
    // balanceOf reads summary.data, already listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [currency, summary.data, getValues, setValue, clearErrors]);

  const showRefusal = async (error: Parameters<typeof applyServerErrors>[0] & { data?: { code?: string } | null }) => {
    const message = applyServerErrors(error, setError, FIELDS);
    if (message) toast.error(message);
    // Someone changed the balance meanwhile: show the new one, keeping what was typed.
    if (error.data?.code === "CONFLICT") await invalidate(customerId);
  };

  /** Save: asks the server what the change would do, and shows that for confirmation. */
  const review = form.handleSubmit(async (values) => {
    // The balance the "Now" hint shows; the server refuses if it is no longer that.
    const expectedBalance = toDecimalString(balanceOf(values.currency), values.currency);
    setIsPreviewing(true);
    try {
      const input = { customerId, currency: values.currency, balance: values.balance, expectedBalance };
      const preview = await queryClient.fetchQuery({ ...trpc.credits.setBalancePreview.queryOptions(input), staleTime: 0, retry: false });
      setPending({ values, expectedBalance, preview });
    } catch (error) {
      await showRefusal(error as Parameters<typeof showRefusal>[0]);
    } finally {
      setIsPreviewing(false);
    }
  });

  const save = useMutation(
    trpc.credits.setBalance.mutationOptions({
      onSuccess: async (result) => {
        renewKey();
        setPending(null);
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
        setPending(null);
        await showRefusal(error);
      },
    }),
  );

  const confirm = () => {
    if (!pending) return;
    const { values, expectedBalance } = pending;
    const input = { idempotencyKey, customerId, currency: values.currency, balance: values.balance, expectedBalance, reasonId: values.reasonId, note: values.note };
    save.mutate(input, {
      onSuccess: (result) => {
        if (isApprovalPending(result)) return;
        drafts.current.delete(result.currency);
        if (getValues("currency") !== result.currency) return;
        // The field now holds the new balance, so the next refresh may replace it again.
        const text = toDecimalString(result.balanceMinor, result.currency);
        setValue("balance", text);
        filled.current = { currency: result.currency, text };
      },
    });
  };

  return {
    form,
    options,
    summary,
    currency,
    nowMinor: balanceOf(currency),
    /** What open holds set aside from that balance (the shop's checkouts). */
    heldMinor: summary.data?.balances?.find((b) => b.currency === currency)?.heldMinor ?? 0n,
    approvalReason,
    review,
    isPreviewing,
    pending,
    cancel: () => setPending(null),
    confirm,
    isSaving: save.isPending,
  };
}
