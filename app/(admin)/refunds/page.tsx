import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Refunds" };

export default async function RefundsPage() {
  const { isAllowed } = await getPageAccess("refunds:read");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Refunds" />
      <Card>
        <EmptyState title="No refunds yet">Refunds made from the Payments tab of a customer are listed here.</EmptyState>
      </Card>
    </>
  );
}
