import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { NotAllowed } from "@/components/ui/states";
import { getPageAccess } from "@/server/auth/page-guard";
import { SettingsSections } from "./_components/settings-sections";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { isAllowed } = await getPageAccess("settings:manage");
  if (!isAllowed) return <NotAllowed />;
  return (
    <>
      <PageHeader
        title="Settings"
        description="What the credit forms offer: currencies, credit categories, adjustment reasons and payment methods (inactive records stay on existing credits but leave the forms), the store’s date style, and each role’s money limits."
        actions={
          <Button variant="secondary" asChild>
            <Link href="/settings/api-keys">
              <KeyRound aria-hidden="true" className="h-4 w-4" />
              API keys
            </Link>
          </Button>
        }
      />
      <SettingsSections />
    </>
  );
}
