import Link from "next/link";
import { useDates } from "@/components/format";
import { Table, Td, Th } from "@/components/ui/table";
import { auditActorLabel, type AuditEntryView } from "@/server/modules/audit/audit.schema";

/** Audit entries, newest first: when, who (and in which role), what, on which record and customer. */
export function AuditTable({ entries, onTarget }: { entries: AuditEntryView[]; onTarget?: (type: string, id: string) => void }) {
  const { formatDateTime } = useDates();
  return (
    <Table aria-label="Audit entries">
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Staff member</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Customer</Th>
          <Th>Reason</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} className="align-top">
            <Td className="whitespace-nowrap">
              <Link href={`/audit-log/${e.id}`} className="text-blue-700 hover:underline" aria-label={`Details of ${e.action} at ${formatDateTime(e.createdAt)}`}>
                {formatDateTime(e.createdAt)}
              </Link>
            </Td>
            <Td className="whitespace-nowrap">
              {auditActorLabel(e)}
              {e.actorRole ? <span className="block text-xs text-slate-500">{e.actorRole}</span> : null}
            </Td>
            <Td className="font-mono text-xs whitespace-nowrap">{e.action}</Td>
            <Td className="whitespace-nowrap">
              {e.entityType}
              {onTarget ? (
                <button
                  type="button"
                  onClick={() => onTarget(e.entityType, e.entityId)}
                  className="block max-w-40 truncate font-mono text-xs text-blue-700 hover:underline"
                  title={e.entityId}
                  aria-label={`Entries for ${e.entityType} ${e.entityId} (${formatDateTime(e.createdAt)})`}
                >
                  {e.entityId}
                </button>
              ) : (
                <span className="block max-w-40 truncate font-mono text-xs text-slate-500" title={e.entityId}>
                  {e.entityId}
                </span>
              )}
            </Td>
            <Td className="whitespace-nowrap">
              {e.customer ? (
                <Link href={`/customers/${e.customer.id}`} className="text-blue-700 hover:underline">
                  {e.customer.name}
                </Link>
              ) : (
                "—"
              )}
            </Td>
            <Td>{e.reason ?? "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
