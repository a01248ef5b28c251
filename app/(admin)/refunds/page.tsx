import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { RefundsList } from "./_components/refunds-list";

export const metadata: Metadata = { title: "Refunds" };

export default async function RefundsPage() {
  const { isAllowed } = await getPageAccess("refunds:read");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Refunds" description="Every refund across customers, newest first. Refund a payment from the customer’s Payments tab." />
      <Suspense fallback={<LoadingRows label="Loading refunds" />}>
        <RefundsList />
      </Suspense>
    </>
  );
}
