"use client";
import { endOfDayFromInput } from "@/components/money";
import { useUrlState } from "@/components/use-url-state";
import { REFUND_REASONS, REFUND_STATUSES, REFUND_TYPES, type RefundCsvInput } from "@/server/modules/refunds/refunds.schema";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The URL value when it is one of `values`, else "" (none chosen). */
const oneOf = <T extends string>(values: readonly T[], value: string | null): T | "" => values.find((v) => v === value) ?? "";
const dayOf = (value: string | null) => (value && DAY.test(value) ? value : "");
const uuidOf = (value: string | null) => (value && UUID.test(value) ? value : "");

/** The list's filters as they live in the URL, what they mean to the server, and how to change them. */
export function useRefundFilters() {
  const { params, set } = useUrlState();
  const values = {
    status: oneOf(REFUND_STATUSES, params.get("status")),
    reason: oneOf(REFUND_REASONS, params.get("reason")),
    type: oneOf(REFUND_TYPES, params.get("type")),
    from: dayOf(params.get("from")),
    to: dayOf(params.get("to")),
    staff: uuidOf(params.get("staff")),
    // Set by links from a customer's Payments tab ("View refunds"), not by the filter controls.
    customer: uuidOf(params.get("customer")),
    payment: uuidOf(params.get("payment")),
  };
  const isRangeReversed = Boolean(values.from && values.to && values.from > values.to);
  const input: RefundCsvInput = {
    statuses: values.status ? [values.status] : undefined,
    reasons: values.reason ? [values.reason] : undefined,
    types: values.type ? [values.type] : undefined,
    staffId: values.staff || undefined,
    customerId: values.customer || undefined,
    paymentId: values.payment || undefined,
    // Days are the viewer's local days: from the first instant of `from` to the last of `to`.
    from: values.from ? new Date(`${values.from}T00:00:00`) : undefined,
    to: endOfDayFromInput(values.to) ?? undefined,
  };
  const isFiltered = Object.values(values).some(Boolean);
  /** Any filter change starts again from the newest page. */
  const change = (changes: Partial<Record<keyof typeof values, string | null>>) => set({ ...changes, cursor: null });
  const clear = () => change({ status: null, reason: null, type: null, from: null, to: null, staff: null, customer: null, payment: null });
  return { values, input, isFiltered, isRangeReversed, cursor: params.get("cursor"), setCursor: (cursor: string | null) => set({ cursor }), change, clear };
}

export type RefundFiltersState = ReturnType<typeof useRefundFilters>;
