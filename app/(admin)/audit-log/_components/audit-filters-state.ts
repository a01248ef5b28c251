"use client";
import { endOfDayFromInput } from "@/components/money";
import { useUrlState } from "@/components/use-url-state";
import { AUDIT_AREAS, type AuditListInput } from "@/server/modules/audit/audit.schema";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dayOf = (value: string | null) => (value && DAY.test(value) ? value : "");
const uuidOf = (value: string | null) => (value && UUID.test(value) ? value : "");

/** The log's filters as they live in the URL, what they mean to the server, and how to change them. */
export function useAuditFilters() {
  const { params, set } = useUrlState();
  const values = {
    area: AUDIT_AREAS.find((a) => a === params.get("area")) ?? ("" as const),
    actor: uuidOf(params.get("actor")),
    customer: uuidOf(params.get("customer")),
    from: dayOf(params.get("from")),
    to: dayOf(params.get("to")),
  };
  const isRangeReversed = Boolean(values.from && values.to && values.from > values.to);
  const input: Omit<AuditListInput, "cursor" | "limit"> = {
    area: values.area || undefined,
    actorId: values.actor || undefined,
    customerId: values.customer || undefined,
    // Days are the viewer's local days: from the first instant of `from` to the last of `to`.
    from: values.from ? new Date(`${values.from}T00:00:00`) : undefined,
    to: endOfDayFromInput(values.to) ?? undefined,
  };
  const isFiltered = Object.values(values).some(Boolean);
  const change = (changes: Partial<Record<keyof typeof values, string | null>>) => set({ ...changes, cursor: null });
  const clear = () => change({ area: null, actor: null, customer: null, from: null, to: null });
  return { values, input, isFiltered, isRangeReversed, cursor: params.get("cursor"), setCursor: (cursor: string | null) => set({ cursor }), change, clear };
}

export type AuditFiltersState = ReturnType<typeof useAuditFilters>;
