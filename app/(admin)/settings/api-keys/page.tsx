import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { ApiKeysTable } from "./_components/api-keys-table";
import { NewApiKeyButton } from "./_components/new-api-key-button";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { isAllowed } = await getPageAccess("apiKeys:manage");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys the shop and other systems use for the Storefront API. A key’s secret is shown once, when it is made; revoking a key refuses its next request.{" "}
            <Link href="/api-docs" className="text-blue-700 underline underline-offset-2">
              API reference
            </Link>
          </>
        }
        actions={<NewApiKeyButton />}
      />
      <ApiKeysTable />
    </>
  );
}
