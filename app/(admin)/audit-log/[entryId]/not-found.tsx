import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function AuditEntryNotFound() {
  return <NotFoundPanel title="This audit entry does not exist" backHref="/audit-log" backLabel="Back to the audit log" />;
}
