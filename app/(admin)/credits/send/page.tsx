import type { Metadata } from "next";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { SendCreditsLauncher } from "./_components/send-credits-launcher";

export const metadata: Metadata = { title: "Send credits" };

type Props = { searchParams: Promise<{ customerId?: string | string[] }> };

export default async function SendCreditsPage({ searchParams }: Props) {
  const { isAllowed } = await getPageAccess("credits:issue");
  if (!isAllowed) return <NotAllowed />;
  const { customerId } = await searchParams;
  return (
    <>
      <PageHeader
        title="Send credits"
        description="Add credit balance to a customer without a storefront purchase: manual compensation, rewards or balance corrections."
        // A deep link (/credits/send?customerId=…) opens the form with the receiver chosen.
        actions={<SendCreditsLauncher initialCustomerId={typeof customerId === "string" && customerId ? customerId : null} />}
      />
      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle>What sending does</CardTitle>
        </CardHeader>
        <ul className="list-disc space-y-1.5 py-3 pr-4 pl-9 text-sm text-slate-700">
          <li>The customer’s balance in the chosen currency goes up by the credit amount straight away.</li>
          <li>
            An earning above zero is recorded as a manual payment on the customer’s Payments, through the chosen payment
            infrastructure and method; turn off “Count as real revenue” for test or promotional earnings.
          </li>
          <li>The credit is filed under Manual correction and is listed first in the customer’s Credit history. Check it there after sending.</li>
        </ul>
      </Card>
    </>
  );
}
