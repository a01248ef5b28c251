import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingRows, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { CustomerActivity } from "./_components/customer-activity";

export const metadata: Metadata = { title: "Activity" };

export default async function CustomerActivityPage({ params }: { params: Promise<{ customerId: string }> }) {
  const { isAllowed } = await getPageAccess("audit:read");
  if (!isAllowed) return <NotAllowed />;
  return (
    <Suspense fallback={<LoadingRows label="Loading activity" />}>
      <CustomerActivity customerId={(await params).customerId} />
    </Suspense>
  );
}
