import type { Metadata } from "next";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { CreditDetail } from "./_components/credit-detail";

export const metadata: Metadata = { title: "Store credit" };

export default async function CreditPage({ params }: { params: Promise<{ customerId: string; creditId: string }> }) {
  const { isAllowed } = await getPageAccess("credits:read");
  if (!isAllowed) return <NotAllowed />;
  const { customerId, creditId } = await params;
  return <CreditDetail customerId={customerId} creditId={creditId} />;
}
