import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { AddStaffButton } from "./_components/add-staff-dialog";
import { StaffDirectory } from "./_components/staff-table";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const { isAllowed } = await getPageAccess("staff:manage");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Staff" description="Who can sign in to Creditdesk, and with which role." actions={<AddStaffButton />} />
      <Suspense fallback={<LoadingRows label="Loading staff" />}>
        <StaffDirectory />
      </Suspense>
    </>
  );
}
