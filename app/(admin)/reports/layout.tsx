import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { ReportTabs } from "./_components/report-tabs";

export default async function ReportsLayout({ children }: { children: ReactNode }) {
  const { isAllowed } = await getPageAccess("reports:read");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Reports" description="Figures across all customers. Days are UTC days; every report prints on one page." />
      <ReportTabs />
      {children}
    </>
  );
}
