import type { ReactNode } from "react";
import Link from "next/link";
import { DateText } from "@/components/format";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { AnalyticsCards } from "./_components/analytics-cards";
import { HoldsPanel } from "./_components/holds-panel";
import { loadCustomer } from "./_components/load-customer";
import { PendingApprovalsPanel } from "./_components/pending-approvals-panel";
import { MoreActionsMenu } from "./_components/more-actions-menu";
import { ProfileActionsProvider } from "./_components/profile-actions";
import { ProfileTabs } from "./_components/profile-tabs";

type Props = { children: ReactNode; params: Promise<{ customerId: string }> };

export default async function CustomerProfileLayout({ children, params }: Props) {
  const { isAllowed } = await getPageAccess("customers:read");
  if (!isAllowed) return <NotAllowed />;
  const customer = await loadCustomer((await params).customerId);
  return (
    <ProfileActionsProvider customerId={customer.id} contact={{ phone: customer.phone, email: customer.email }}>
      <div className="space-y-4">
        <Link href="/customers" className="text-xs text-slate-500 hover:text-slate-800">
          ← Customers
        </Link>
        <header className="flex items-start justify-between gap-4">
          <div className="min-w-0 break-words">
            <h1 className="text-lg font-semibold text-slate-900">
              {customer.firstName} {customer.lastName}
            </h1>
            <dl className="mt-1 flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-600">
              <div className="flex gap-1"><dt className="sr-only">Email</dt><dd>{customer.email}</dd></div>
              <div className="flex gap-1"><dt className="sr-only">Phone</dt><dd className="tabular-nums">{customer.phone ?? "No phone"}</dd></div>
              <div className="flex gap-1"><dt>Customer since</dt><dd><DateText value={customer.createdAt} /></dd></div>
            </dl>
          </div>
          <MoreActionsMenu customer={customer} />
        </header>
        <AnalyticsCards customerId={customer.id} />
        <PendingApprovalsPanel customerId={customer.id} />
        <HoldsPanel customerId={customer.id} />
        <ProfileTabs customerId={customer.id} />
        <div>{children}</div>
      </div>
    </ProfileActionsProvider>
  );
}
