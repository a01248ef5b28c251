import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { EndpointDetail } from "../_components/endpoint-detail";

export const metadata: Metadata = { title: "Webhook endpoint" };

type Props = { params: Promise<{ endpointId: string }> };

export default async function WebhookEndpointPage({ params }: Props) {
  const { isAllowed } = await getPageAccess("webhooks:manage");
  if (!isAllowed) return <NotAllowed />;
  const { endpointId } = await params;
  return (
    <div className="space-y-4">
      <Link href="/settings/webhooks" className="text-xs text-slate-500 hover:text-slate-800">
        ← Webhooks
      </Link>
      <PageHeader title="Webhook endpoint" description="Where its events go, its signing secret, and every delivery with its answer." />
      <EndpointDetail endpointId={endpointId} />
    </div>
  );
}
