"use client";
import { dateRangeInput, dayOf, isRangeReversed, oneOf, uuidOf } from "@/components/filters/url-filter-values";
import { useUrlState } from "@/components/use-url-state";
import { REFUND_REASONS, REFUND_STATUSES, REFUND_TYPES, type RefundCsvInput } from "@/server/modules/refunds/refunds.schema";

/** The list's filters as they live in the URL, what they mean to the server, and how to change them. */
export function useRefundFilters() {
  const { params, set } = useUrlState();
  const values = {
    // Free text, checked by the server; over 100 characters it would only be refused.
    q: (params.get("q") ?? "").slice(0, 100),
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
  const input: RefundCsvInput = {
    search: values.q.trim() || undefined,
    statuses: values.status ? [values.status] : undefined,
    reasons: values.reason ? [values.reason] : undefined,
    types: values.type ? [values.type] : undefined,
    staffId: values.staff || undefined,
    customerId: values.customer || undefined,
    paymentId: values.payment || undefined,
    ...dateRangeInput(values.from, values.to),
  };
  const isFiltered = Object.values(values).some(Boolean);
  /** Any filter change starts again from the newest page. */
  const change = (changes: Partial<Record<keyof typeof values, string | null>>) => set({ ...changes, cursor: null });
  const clear = () => change({ q: null, status: null, reason: null, type: null, from: null, to: null, staff: null, customer: null, payment: null });
  return { values, input, isFiltered, isRangeReversed: isRangeReversed(values.from, values.to), cursor: params.get("cursor"), setCursor: (cursor: string | null) => set({ cursor }), change, clear };
}

export type RefundFiltersState = ReturnType<typeof useRefundFilters>;
