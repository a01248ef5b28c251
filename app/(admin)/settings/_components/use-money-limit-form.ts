"use client";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { toDecimalString } from "@/server/lib/money";
import { LIMIT_FIELDS, ZSetMoneyLimitInput, type LimitField, type MoneyLimitListRow } from "@/server/modules/limits/limits.schema";
import { useInvalidateLimits } from "./use-invalidate-limits";

type LimitValue = { amount: string; isUnlimited: boolean };
export type MoneyLimitValues = Record<LimitField, LimitValue>;

const FIELD_NAMES = LIMIT_FIELDS.map(({ field }) => field);

function defaultsOf(row: MoneyLimitListRow): MoneyLimitValues {
  const values = {} as MoneyLimitValues;
  for (const { field, column } of LIMIT_FIELDS) {
    const minor = row.limit ? row.limit[column] : undefined;
    values[field] = minor === null ? { amount: "", isUnlimited: true } : { amount: minor === undefined ? "" : toDecimalString(minor, row.currency), isUnlimited: false };
  }
  return values;
}

/** The edit form: each limit an amount or "No limit", checked by the server's own schema before sending. */
export function useMoneyLimitForm(row: MoneyLimitListRow, onSaved: () => void) {
  const trpc = useTRPC();
  const invalidate = useInvalidateLimits();
  const form = useForm<MoneyLimitValues>({ defaultValues: defaultsOf(row) });

  const save = useMutation(
    trpc.limits.set.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        toast.success(`Saved ${row.roleName}’s ${row.currency} limits`);
        onSaved();
      },
      onError: (error) => {
        const fields = FIELD_NAMES.map((field) => `${field}.amount` as const);
        const byField = { ...error, data: error.data && { fieldErrors: amountFieldErrors(error.data.fieldErrors) } };
        const message = applyServerErrors(byField, form.setError, fields);
        if (message) toast.error(message);
      },
    }),
  );

  const onSubmit = form.handleSubmit((values) => {
    const amountOf = (field: LimitField) => (values[field].isUnlimited ? null : values[field].amount);
    const input = {
      roleKey: row.roleKey,
      currency: row.currency,
      maxCredit: amountOf("maxCredit"),
      maxRefund: amountOf("maxRefund"),
      maxSetBalanceChange: amountOf("maxSetBalanceChange"),
      dailyCredit: amountOf("dailyCredit"),
      dailyRefund: amountOf("dailyRefund"),
    };
    const parsed = ZSetMoneyLimitInput.safeParse(input);
    if (parsed.success) return save.mutate(input);
    for (const issue of parsed.error.issues) {
      const field = FIELD_NAMES.find((name) => name === issue.path[0]);
      if (field) form.setError(`${field}.amount`, { type: "validate", message: issue.message });
      else toast.error(issue.message);
    }
  });

  return { form, onSubmit, isSaving: save.isPending };
}

/** The server names the field ("maxCredit"); the form's input for it is "maxCredit.amount". */
function amountFieldErrors(fieldErrors: Record<string, string[]> | undefined) {
  return Object.fromEntries(Object.entries(fieldErrors ?? {}).map(([field, messages]) => [`${field}.amount`, messages]));
}
