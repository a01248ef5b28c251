import { Table, Td, Th } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { changeRows } from "./change-rows";

const KIND_LABELS = { added: "Added", removed: "Removed", changed: "Changed", unchanged: "Unchanged" } as const;

/** Before and after of an audited change, one row per field. */
export function ChangeTable({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const rows = changeRows(before, after);
  if (rows.length === 0) return <p className="px-4 py-3 text-sm text-slate-500">This entry records no field values.</p>;
  return (
    <Table aria-label="Changes">
      <thead>
        <tr>
          <Th>Field</Th>
          <Th>Before</Th>
          <Th>After</Th>
          <Th>Change</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} className="align-top">
            <Td className="font-mono text-xs">{row.field}</Td>
            <Td className={cn("break-all", row.kind !== "unchanged" && row.before && "bg-red-50 text-red-900 line-through decoration-red-300")}>{row.before || "—"}</Td>
            <Td className={cn("break-all", row.kind !== "unchanged" && row.after && "bg-green-50 text-green-900")}>{row.after || "—"}</Td>
            <Td className="text-xs text-slate-600">{KIND_LABELS[row.kind]}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
