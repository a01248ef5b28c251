import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { AuditList } from "./_components/audit-list";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  const { isAllowed } = await getPageAccess("audit:read");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Audit log" description="Every change to money, settings and sessions, newest first, with who made it and from where." />
      <Suspense fallback={<LoadingRows label="Loading audit entries" />}>
        <AuditList />
      </Suspense>
    </>
  );
}
