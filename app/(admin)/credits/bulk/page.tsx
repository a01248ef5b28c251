import type { Metadata } from "next";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { BulkBatchList } from "./_components/bulk-batch-list";
import { BulkUploadPanel } from "./_components/bulk-upload-panel";

export const metadata: Metadata = { title: "Bulk credit" };

export default async function BulkCreditPage() {
  const { isAllowed } = await getPageAccess("credits:issue");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader
        title="Bulk credit"
        description="Credit many customers at once from a CSV file, e.g. after an outage: upload, check the preview, then issue. Every row is issued once, even after a retry or a restart."
      />
      <Card aria-label="Upload a CSV" className="max-w-3xl p-4">
        <BulkUploadPanel />
      </Card>
      <Card aria-labelledby="recent-batches" className="mt-6 max-w-3xl">
        <CardHeader>
          <CardTitle id="recent-batches">Recent batches</CardTitle>
        </CardHeader>
        <BulkBatchList />
      </Card>
    </>
  );
}
