import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { CreditDetail } from "./_components/credit-detail";

export const metadata: Metadata = { title: "Store credit" };

export default async function CreditPage({ params }: { params: Promise<{ customerId: string; creditId: string }> }) {
  const { isAllowed } = await getPageAccess("credits:read");
  if (!isAllowed) return <NotAllowed />;
  const { customerId, creditId } = await params;
  // A malformed id (or one that does not decode) names no credit: the 404 page, like the profile's.
  if (!z.uuid().safeParse(creditId).success) notFound();
  return <CreditDetail customerId={customerId} creditId={creditId} />;
}
