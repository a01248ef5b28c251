import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingRows, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { CreditHistory } from "./_components/credit-history";

export const metadata: Metadata = { title: "Credit history" };

export default async function CustomerCreditHistoryPage({ params }: { params: Promise<{ customerId: string }> }) {
  const { isAllowed } = await getPageAccess("credits:read");
  if (!isAllowed) return <NotAllowed />;
  return (
    <Suspense fallback={<LoadingRows label="Loading credit history" />}>
      <CreditHistory customerId={(await params).customerId} />
    </Suspense>
  );
}
