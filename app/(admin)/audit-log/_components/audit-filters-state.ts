"use client";
import { dateRangeInput, dayOf, isRangeReversed, matchOf, oneOf, uuidOf } from "@/components/filters/url-filter-values";
import { useUrlState } from "@/components/use-url-state";
import { AUDIT_ACTION_PATTERN, AUDIT_AREAS, AUDIT_TARGET_TYPE_PATTERN, type AuditCsvInput } from "@/server/modules/audit/audit.schema";

/** One line of printable text, as the server accepts for a target id. */
const TARGET_ID = /^[^\u0000-\u001F\u007F-\u009F]+$/;

/** The log's filters as they live in the URL, what they mean to the server, and how to change them. */
export function useAuditFilters() {
  const { params, set } = useUrlState();
  const values = {
    area: oneOf(AUDIT_AREAS, params.get("area")),
    action: matchOf(AUDIT_ACTION_PATTERN, params.get("action"), 100),
    actor: uuidOf(params.get("actor")),
    customer: uuidOf(params.get("customer")),
    targetType: matchOf(AUDIT_TARGET_TYPE_PATTERN, params.get("targetType"), 60),
    target: matchOf(TARGET_ID, params.get("target")?.trim() ?? null, 200),
    from: dayOf(params.get("from")),
    to: dayOf(params.get("to")),
  };
  /** A target is a type and an id together; one without the other filters nothing yet. */
  const isTargetIncomplete = Boolean(values.targetType) !== Boolean(values.target);
  const input: AuditCsvInput = {
    area: values.area || undefined,
    action: values.action || undefined,
    actorId: values.actor || undefined,
    customerId: values.customer || undefined,
    ...(values.targetType && values.target ? { targetType: values.targetType, targetId: values.target } : {}),
    ...dateRangeInput(values.from, values.to),
  };
  const isFiltered = Object.values(values).some(Boolean);
  const change = (changes: Partial<Record<keyof typeof values, string | null>>) => set({ ...changes, cursor: null });
  const clear = () => change({ area: null, action: null, actor: null, customer: null, targetType: null, target: null, from: null, to: null });
  return {
    values,
    input,
    isFiltered,
    isRangeReversed: isRangeReversed(values.from, values.to),
    isTargetIncomplete,
    cursor: params.get("cursor"),
    setCursor: (cursor: string | null) => set({ cursor }),
    change,
    clear,
  };
}

export type AuditFiltersState = ReturnType<typeof useAuditFilters>;
