import type { Metadata } from "next";
import { Suspense } from "react";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingRows, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { loadCustomer } from "../_components/load-customer";
import { CreditsField } from "./_components/credits-field";
import { PastPayments } from "./_components/past-payments";

export const metadata: Metadata = { title: "Payments" };

/** Guide 001's Payments tab: Payment info (the Credits field), then Past payments with their refunds. */
export default async function CustomerPaymentsPage({ params }: { params: Promise<{ customerId: string }> }) {
  const { actor, isAllowed } = await getPageAccess("payments:read");
  if (!isAllowed) return <NotAllowed />;
  const customer = await loadCustomer((await params).customerId);
  return (
    <div className="space-y-4">
      {actor.permissions.includes("credits:read") ? (
        <Card aria-labelledby="payment-info">
          <CardHeader>
            <CardTitle id="payment-info">Payment info</CardTitle>
          </CardHeader>
          <CreditsField customerId={customer.id} />
        </Card>
      ) : null}
      <Suspense fallback={<LoadingRows label="Loading payments" />}>
        <PastPayments customer={{ id: customer.id, email: customer.email, phone: customer.phone }} />
      </Suspense>
    </div>
  );
}
