import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { errorShapeOf } from "@/server/trpc/error-shape";
import { getServerCaller } from "@/server/trpc/rsc";
import { CreditDetail } from "./_components/credit-detail";

export const metadata: Metadata = { title: "Store credit" };

/** Whether the credit exists and is this customer's; otherwise the page is "This store credit does not exist". */
async function isCustomersCredit(customerId: string, creditId: string): Promise<boolean> {
  // A malformed id (or one that does not decode) names no credit.
  if (!z.uuid().safeParse(creditId).success) return false;
  try {
    const { credit } = await (await getServerCaller()).credits.get({ creditId });
    return credit.customerId === customerId;
  } catch (error) {
    if (errorShapeOf(error).code === "NOT_FOUND") return false;
    throw error;
  }
}

export default async function CreditPage({ params }: { params: Promise<{ customerId: string; creditId: string }> }) {
  const { isAllowed } = await getPageAccess("credits:read");
  if (!isAllowed) return <NotAllowed />;
  const { customerId, creditId } = await params;
  if (!(await isCustomersCredit(customerId, creditId))) notFound();
  return <CreditDetail customerId={customerId} creditId={creditId} />;
}
