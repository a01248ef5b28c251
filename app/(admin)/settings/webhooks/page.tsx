import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { WebhookEndpoints } from "./_components/webhook-endpoints";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const { isAllowed } = await getPageAccess("webhooks:manage");
  if (!isAllowed) return <NotAllowed />;
  return (
    <div className="space-y-4">
      <Link href="/settings" className="text-xs text-slate-500 hover:text-slate-800">
        ← Settings
      </Link>
      <PageHeader
        title="Webhooks"
        description="Other systems (the shop, an ERP, the support desk) hear about every store credit change: each endpoint gets a signed POST per event it chose, retried for up to 3 days."
      />
      <WebhookEndpoints />
    </div>
  );
}
