import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingRows, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { StaffActivityView } from "./staff-activity-view";

export const metadata: Metadata = { title: "Staff activity" };

export default async function StaffActivityPage() {
  const { isAllowed } = await getPageAccess("reports:staff");
  if (!isAllowed) return <NotAllowed />;
  return (
    <Suspense fallback={<LoadingRows label="Loading staff activity" />}>
      <StaffActivityView />
    </Suspense>
  );
}
