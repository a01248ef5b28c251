import type { Metadata } from "next";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { DetailList } from "@/components/ui/detail-list";
import { formatDateTime } from "@/components/format";
import { loadCustomer } from "./_components/load-customer";

type Props = { params: Promise<{ customerId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const customer = await loadCustomer((await params).customerId);
  return { title: `${customer.firstName} ${customer.lastName}` };
}

export default async function CustomerOverviewPage({ params }: Props) {
  const customer = await loadCustomer((await params).customerId);
  const rows: [string, string][] = [
    ["Customer id", customer.id],
    ["Email", customer.email],
    ["Phone", customer.phone ?? "—"],
    ["Customer since", formatDateTime(customer.createdAt)],
    ["Last activity", formatDateTime(customer.lastActivityAt)],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Details</CardTitle>
      </CardHeader>
      <DetailList rows={rows} />
    </Card>
  );
}
