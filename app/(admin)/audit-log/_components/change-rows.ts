/** One field of a change: what it was, what it became, and how it changed. */
export type ChangeRow = { field: string; before: string; after: string; kind: "added" | "removed" | "changed" | "unchanged" };

const shown = (value: unknown) => (value === undefined ? "" : value === null ? "none" : typeof value === "string" ? value : JSON.stringify(value));

/** The fields of `before` and `after` side by side, in a stable order (before's keys first). */
export function changeRows(before: Record<string, unknown> | null, after: Record<string, unknown> | null): ChangeRow[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields.map((field) => {
    const was = before && Object.hasOwn(before, field) ? before[field] : undefined;
    const is = after && Object.hasOwn(after, field) ? after[field] : undefined;
    const kind = was === undefined ? "added" : is === undefined ? "removed" : shown(was) === shown(is) ? "unchanged" : "changed";
    return { field, before: shown(was), after: shown(is), kind };
  });
}
