import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { DetailList } from "@/components/ui/detail-list";
import { DateText } from "@/components/format";
import { BalanceOverTime } from "./_components/balance-over-time";
import { loadCustomer } from "./_components/load-customer";
import { RecentActivity } from "./_components/recent-activity";

type Props = { params: Promise<{ customerId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const customer = await loadCustomer((await params).customerId);
  return { title: `${customer.firstName} ${customer.lastName}` };
}

export default async function CustomerOverviewPage({ params }: Props) {
  const customer = await loadCustomer((await params).customerId);
  const rows: [string, ReactNode][] = [
    ["Customer id", customer.id],
    ["Email", customer.email],
    ["Phone", customer.phone ?? "—"],
    ["Customer since", <DateText key="since" value={customer.createdAt} withTime />],
    ["Last activity", <DateText key="activity" value={customer.lastActivityAt} withTime />],
  ];
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader>
          <CardTitle>Details</CardTitle>
        </CardHeader>
        <DetailList rows={rows} />
      </Card>
      <BalanceOverTime customerId={customer.id} />
      <RecentActivity customerId={customer.id} />
    </div>
  );
}
