import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/server/auth/page-guard";
import { DashboardView } from "./_dashboard/dashboard-view";

export const metadata: Metadata = { title: "Dashboard" };

/** The dashboard for roles that read reports; everyone else starts at Customers. */
export default async function DashboardPage() {
  const { isAllowed } = await getPageAccess("reports:read");
  if (!isAllowed) redirect("/customers");
  return (
    <>
      <PageHeader title="Dashboard" description="Today and the last 30 days (UTC days), across all customers." />
      <DashboardView />
    </>
  );
}
