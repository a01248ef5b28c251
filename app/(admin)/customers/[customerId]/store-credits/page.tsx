import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingRows, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { CreditsTable } from "./_components/credits-table";

export const metadata: Metadata = { title: "Store credits" };

export default async function CustomerStoreCreditsPage({ params }: { params: Promise<{ customerId: string }> }) {
  const { isAllowed } = await getPageAccess("credits:read");
  if (!isAllowed) return <NotAllowed />;
  return (
    <Suspense fallback={<LoadingRows label="Loading store credits" />}>
      <CreditsTable customerId={(await params).customerId} />
    </Suspense>
  );
}
