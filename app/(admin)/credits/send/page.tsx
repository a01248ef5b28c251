import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { SendCreditsPanel } from "./_components/send-credits-panel";

export const metadata: Metadata = { title: "Send credits" };

type Props = { searchParams: Promise<{ customerId?: string | string[] }> };

export default async function SendCreditsPage({ searchParams }: Props) {
  const { isAllowed } = await getPageAccess("credits:issue");
  if (!isAllowed) return <NotAllowed />;
  const { customerId } = await searchParams;
  // A deep link (/credits/send?customerId=…) opens the form with the receiver chosen.
  const initialCustomerId = typeof customerId === "string" && customerId ? customerId : null;
  return (
    <>
      <PageHeader
        title="Send credits"
        description="Add credit balance to a customer without a storefront purchase: manual compensation, rewards or balance corrections. The credit is listed first in the customer’s Credit history."
      />
      <Card aria-label="Send credits" className="max-w-2xl p-4">
        <SendCreditsPanel initialCustomerId={initialCustomerId} />
      </Card>
    </>
  );
}
