import type { Metadata } from "next";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { CreditsField } from "./_components/credits-field";

export const metadata: Metadata = { title: "Payments" };

export default async function CustomerPaymentsPage({ params }: { params: Promise<{ customerId: string }> }) {
  const { isAllowed } = await getPageAccess("credits:read");
  if (!isAllowed) return <NotAllowed />;
  return (
    <Card aria-labelledby="payment-info">
      <CardHeader>
        <CardTitle id="payment-info">Payment info</CardTitle>
      </CardHeader>
      <CreditsField customerId={(await params).customerId} />
    </Card>
  );
}
