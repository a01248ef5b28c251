"use client";
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import type { AppRouter } from "@/server/trpc/root";
import { CurrenciesCard } from "./currencies-card";
import { DateStyleCard } from "./date-style-card";
import { ExpiryRemindersCard } from "./expiry-reminders-card";
import { WebhooksLinkCard } from "./webhooks-link-card";
import { InfrastructuresCard } from "./infrastructures-card";
import { MoneyLimitsCard } from "./money-limits-card";
import { NamedListCard } from "./named-list-card";

export type SettingsList = inferRouterOutputs<AppRouter>["settings"]["list"];

export function SettingsSections() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.list.queryOptions());

  if (settings.isPending) {
    return (
      <Card>
        <LoadingRows label="Loading settings" />
      </Card>
    );
  }
  if (settings.isError) {
    return (
      <Card>
        <ErrorState title="Settings could not be loaded">
          <p>{settings.error.message}</p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => void settings.refetch()}>
            Try again
          </Button>
        </ErrorState>
      </Card>
    );
  }

  const { currencies, categories, reasons, infrastructures } = settings.data;
  return (
    <div className="grid max-w-5xl grid-cols-1 items-start gap-4 lg:grid-cols-2">
      <CurrenciesCard currencies={currencies} />
      <NamedListCard
        title="Credit categories"
        description="What a store credit is for. Send credits files its credits under Manual correction."
        noun="category"
        records={categories}
        procedures={trpc.settings.categories}
      />
      <NamedListCard
        title="Adjustment reasons"
        description="Why staff change, delete or set a balance; required on those forms."
        noun="reason"
        records={reasons}
        procedures={trpc.settings.reasons}
      />
      <InfrastructuresCard infrastructures={infrastructures} />
      <DateStyleCard />
      <ExpiryRemindersCard />
      <WebhooksLinkCard />
      <div className="lg:col-span-2">
        <MoneyLimitsCard />
      </div>
    </div>
  );
}
