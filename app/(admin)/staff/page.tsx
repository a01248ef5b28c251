import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { StaffTable } from "./_components/staff-table";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const { isAllowed } = await getPageAccess("staff:manage");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Staff" description="Who can sign in to Creditdesk, and with which role." />
      <StaffTable />
    </>
  );
}
