import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Users } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/server/auth/page-guard";
import { DashboardView } from "./_dashboard/dashboard-view";

export const metadata: Metadata = { title: "Dashboard" };

/**
 * Where sign-in lands: the dashboard for roles that read reports; everyone else starts at
 * Customers. The customer list is one click away from here (the guides start there).
 */
export default async function DashboardPage() {
  const { isAllowed } = await getPageAccess("reports:read");
  if (!isAllowed) redirect("/customers");
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Today and the last 30 days (UTC days), across all customers."
        actions={
          <Button variant="secondary" asChild>
            <Link href="/customers">
              <Users aria-hidden="true" className="h-4 w-4" />
              Customer list
            </Link>
          </Button>
        }
      />
      <DashboardView />
    </>
  );
}
