"use client";
import Link from "next/link";
import { useCan } from "@/components/providers/actor-context";
import { SettingsCard } from "./settings-card";

/** Where webhook endpoints are managed (their own page, for staff with webhooks:manage). */
export function WebhooksLinkCard() {
  const canManageWebhooks = useCan("webhooks:manage");
  if (!canManageWebhooks) return null;
  return (
    <SettingsCard title="Webhooks" description="Signed POSTs to other systems for every store credit change, with retries and a delivery log.">
      <div className="px-4 py-3">
        <Link href="/settings/webhooks" className="text-sm font-medium text-blue-700 hover:underline">
          Manage webhook endpoints
        </Link>
      </div>
    </SettingsCard>
  );
}
