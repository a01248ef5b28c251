"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { SendCreditsForm } from "./send-credits-form";

/** Loads what the form offers (and a deep-linked receiver) before showing it. */
export function SendCreditsPanel({ initialCustomerId }: { initialCustomerId: string | null }) {
  const trpc = useTRPC();
  const options = useQuery(trpc.settings.options.queryOptions());
  const preselected = useQuery({
    ...trpc.customers.get.queryOptions({ customerId: initialCustomerId ?? "" }),
    enabled: initialCustomerId !== null,
    retry: false,
  });

  if (options.isPending || (initialCustomerId !== null && preselected.isPending)) {
    return <LoadingRows rows={8} label="Loading the form" />;
  }
  if (options.isError) {
    return (
      <ErrorState title="The form could not be loaded">
        <p>{options.error.message}</p>
        <Button variant="secondary" size="sm" className="mt-2" onClick={() => void options.refetch()}>
          Try again
        </Button>
      </ErrorState>
    );
  }
  return (
    <SendCreditsForm
      options={options.data}
      initialReceiver={preselected.data ?? null}
      initialReceiverError={preselected.isError ? `${preselected.error.message}; search for the receiver instead.` : undefined}
    />
  );
}
