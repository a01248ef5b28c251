import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { ApprovalsList } from "./_components/approvals-list";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const { isAllowed } = await getPageAccess("approvals:decide");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Approvals" description="Money actions above the requester's limit wait here for a second person, newest first." />
      <Suspense fallback={<LoadingRows label="Loading approvals" />}>
        <ApprovalsList />
      </Suspense>
    </>
  );
}
