import type { Metadata } from "next";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
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
      <dl className="grid grid-cols-[10rem_1fr] gap-y-2 px-4 py-3 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
