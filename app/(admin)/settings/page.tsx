import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { isAllowed } = await getPageAccess("settings:manage");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Settings" />
      <Card>
        <EmptyState title="Nothing to configure yet">Store currencies, credit categories and payment methods are managed here.</EmptyState>
      </Card>
    </>
  );
}
