"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { copyText } from "@/components/copy-text";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { NotFoundPanel } from "@/components/ui/not-found-panel";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { DeliveriesTable } from "./deliveries-table";
import { ENDPOINT_FIELDS, EndpointForm } from "./endpoint-form";

/** One endpoint: its settings form, its signing secret, delete, and its deliveries. */
export function EndpointDetail({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const endpoint = useQuery({ ...trpc.webhooks.get.queryOptions({ endpointId }), retry: false });
  const update = useMutation(trpc.webhooks.update.mutationOptions());
  const remove = useMutation(trpc.webhooks.delete.mutationOptions());
  const [isDeleteOpen, setDeleteOpen] = useState(false);
  const [isSecretShown, setSecretShown] = useState(false);

  if (endpoint.isPending) {
    return (
      <Card>
        <LoadingRows label="Loading the webhook endpoint" />
      </Card>
    );
  }
  if (endpoint.isError) {
    if (["NOT_FOUND", "BAD_REQUEST"].includes(endpoint.error.data?.code ?? "")) {
      return <NotFoundPanel title="Webhook endpoint not found" backHref="/settings/webhooks" backLabel="Back to webhooks" />;
    }
    return (
      <Card>
        <ErrorState title="The webhook endpoint could not be loaded">
          <p>{endpoint.error.message}</p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => void endpoint.refetch()}>
            Try again
          </Button>
        </ErrorState>
      </Card>
    );
  }

  const data = endpoint.data;
  const invalidate = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.webhooks.get.queryKey({ endpointId }) });
    await queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
  };
  return (
    <div className="grid max-w-5xl grid-cols-1 items-start gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Endpoint</CardTitle>
        </CardHeader>
        <EndpointForm
          defaults={{ url: data.url, description: data.description ?? "", events: data.events as never, isEnabled: data.isEnabled }}
          isEditing
          isSaving={update.isPending}
          submitLabel="Save endpoint"
          onSubmit={(values, form) =>
            update.mutate(
              { endpointId, url: values.url, description: values.description, events: values.events, isEnabled: values.isEnabled },
              {
                onSuccess: async () => {
                  await invalidate();
                  toast.success("Endpoint saved");
                },
                onError: (error) => {
                  const message = applyServerErrors(error, form.setError, ENDPOINT_FIELDS);
                  if (message) toast.error(message);
                },
              },
            )
          }
        />
      </Card>
      <div className="space-y-4">
        <Card>
          <CardHeader className="block">
            <CardTitle>Signing secret</CardTitle>
            <p className="mt-0.5 text-xs text-slate-500">
              Verify each request with the Standard Webhooks library (<code>new Webhook(secret).verify(body, headers)</code>): the webhook-signature header is an HMAC-SHA256 of webhook-id, webhook-timestamp and the body.
            </p>
          </CardHeader>
          <div className="flex flex-wrap items-center gap-2 px-4 py-3">
            <code aria-label="Signing secret" className="min-w-0 flex-1 break-all rounded bg-slate-50 px-2 py-1 text-xs">
              {isSecretShown ? data.secret : "whsec_••••••••••••••••••••••••"}
            </code>
            <Button variant="secondary" size="sm" onClick={() => setSecretShown((shown) => !shown)}>
              {isSecretShown ? "Hide secret" : "Show secret"}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => void copyText(data.secret, "Signing secret")}>
              Copy secret
            </Button>
          </div>
        </Card>
        <Card>
          <CardHeader className="block">
            <CardTitle>Delete endpoint</CardTitle>
            <p className="mt-0.5 text-xs text-slate-500">Its deliveries go with it; deliveries still queued are not sent.</p>
          </CardHeader>
          <div className="px-4 py-3">
            <Button variant="danger" size="sm" onClick={() => setDeleteOpen(true)}>
              Delete endpoint
            </Button>
          </div>
        </Card>
      </div>
      <div className="lg:col-span-2">
        <DeliveriesTable endpointId={endpointId} />
      </div>
      <Dialog open={isDeleteOpen} onOpenChange={setDeleteOpen} title="Delete this endpoint?" description={data.url}>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setDeleteOpen(false)}>
            Keep endpoint
          </Button>
          <Button
            variant="danger"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(
                { endpointId },
                {
                  onSuccess: async () => {
                    await queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
                    toast.success("Endpoint deleted");
                    router.push("/settings/webhooks");
                  },
                  onError: (error) => toast.error(error.message),
                },
              )
            }
          >
            {remove.isPending ? "Deleting…" : "Yes, delete endpoint"}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
