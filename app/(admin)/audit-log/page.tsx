import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditlogPage() {
  const { isAllowed } = await getPageAccess("audit:read");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Audit log" />
      <Card>
        <EmptyState title="No audit entries yet">Every change to money, staff and settings will be recorded here.</EmptyState>
      </Card>
    </>
  );
}
