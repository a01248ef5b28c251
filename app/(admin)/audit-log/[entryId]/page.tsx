import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DateText } from "@/components/format";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { DetailList } from "@/components/ui/detail-list";
import { PageHeader } from "@/components/ui/page-header";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { errorShapeOf } from "@/server/trpc/error-shape";
import { getServerCaller } from "@/server/trpc/rsc";
import { auditActorLabel } from "@/server/modules/audit/audit.schema";
import { ChangeTable } from "../_components/change-table";

export const metadata: Metadata = { title: "Audit entry" };

type Props = { params: Promise<{ entryId: string }> };

async function loadEntry(entryId: string) {
  const caller = await getServerCaller();
  try {
    return await caller.audit.get({ entryId });
  } catch (error) {
    // A malformed id is as unknown as a missing one.
    if (["NOT_FOUND", "BAD_REQUEST"].includes(errorShapeOf(error).code)) notFound();
    throw error;
  }
}

export default async function AuditEntryPage({ params }: Props) {
  const { isAllowed } = await getPageAccess("audit:read");
  if (!isAllowed) return <NotAllowed />;
  const entry = await loadEntry((await params).entryId);
  const hasDetails = Object.keys(entry.details).length > 0;
  return (
    <div className="space-y-4">
      <Link href="/audit-log" className="text-xs text-slate-500 hover:text-slate-800">
        ← Audit log
      </Link>
      <PageHeader title={entry.action} description={<DateText value={entry.createdAt} withTime />} />
      <Card>
        <DetailList
          rows={[
            ["Staff member", entry.actor ? `${entry.actor.name} (${entry.actor.email})` : auditActorLabel(entry)],
            ["Role", entry.actorRole ?? "—"],
            ["Target", `${entry.entityType} ${entry.entityId}`],
            [
              "Customer",
              entry.customer ? (
                <Link href={`/customers/${entry.customer.id}`} className="text-blue-700 hover:underline">
                  {entry.customer.name}
                </Link>
              ) : (
                "—"
              ),
            ],
            ["Reason", entry.reason ?? "—"],
            ["IP address", entry.ip ?? "—"],
            ["User agent", entry.userAgent ?? "—"],
          ]}
        />
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>What changed</CardTitle>
        </CardHeader>
        <ChangeTable before={entry.before} after={entry.after} />
      </Card>
      {hasDetails ? (
        <Card>
          <CardHeader>
            <CardTitle>Recorded details</CardTitle>
          </CardHeader>
          <pre className="overflow-x-auto px-4 py-3 text-xs text-slate-700">{JSON.stringify(entry.details, null, 2)}</pre>
        </Card>
      ) : null}
    </div>
  );
}
