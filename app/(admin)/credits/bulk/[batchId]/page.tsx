import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { BulkBatchPanel } from "../_components/bulk-batch-panel";

export const metadata: Metadata = { title: "Bulk credit batch" };

type Props = { params: Promise<{ batchId: string }> };

export default async function BulkBatchPage({ params }: Props) {
  const { isAllowed } = await getPageAccess("credits:read");
  if (!isAllowed) return <NotAllowed />;
  const { batchId } = await params;
  return (
    <>
      <PageHeader
        title="Bulk credit batch"
        actions={
          <Link href="/credits/bulk" className="text-sm font-medium text-blue-700 hover:underline">
            Upload another file
          </Link>
        }
      />
      <Card aria-label="Bulk credit batch" className="max-w-3xl p-4">
        <BulkBatchPanel batchId={batchId} />
      </Card>
    </>
  );
}
