import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingRows, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { NotificationsTable } from "./_components/notifications-table";

export const metadata: Metadata = { title: "Notifications" };

export default async function CustomerNotificationsPage({ params }: { params: Promise<{ customerId: string }> }) {
  const { isAllowed } = await getPageAccess("notifications:read");
  if (!isAllowed) return <NotAllowed />;
  return (
    <Suspense fallback={<LoadingRows label="Loading notifications" />}>
      <NotificationsTable customerId={(await params).customerId} />
    </Suspense>
  );
}
