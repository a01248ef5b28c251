"use client";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useDates } from "@/components/format";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { ENDPOINT_FIELDS, EndpointForm } from "./endpoint-form";

/** The endpoints, and the form that adds one (it opens the new endpoint's page, secret shown there). */
export function WebhookEndpoints() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { formatDateTime } = useDates();
  const endpoints = useQuery(trpc.webhooks.list.queryOptions());
  const create = useMutation(trpc.webhooks.create.mutationOptions());

  return (
    <div className="grid max-w-5xl grid-cols-1 items-start gap-4">
      <Card>
        <CardHeader>
          <CardTitle>Endpoints</CardTitle>
        </CardHeader>
        {endpoints.isPending ? (
          <LoadingRows label="Loading webhook endpoints" />
        ) : endpoints.isError ? (
          <ErrorState title="Webhook endpoints could not be loaded">
            <p>{endpoints.error.message}</p>
            <Button variant="secondary" size="sm" className="mt-2" onClick={() => void endpoints.refetch()}>
              Try again
            </Button>
          </ErrorState>
        ) : endpoints.data.length === 0 ? (
          <EmptyState title="No webhook endpoints yet">Add one below to send store credit events to another system.</EmptyState>
        ) : (
          <Table aria-label="Webhook endpoints">
            <thead>
              <tr>
                <Th>URL</Th>
                <Th>Description</Th>
                <Th>Events</Th>
                <Th>Status</Th>
                <Th>Added</Th>
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((endpoint) => (
                <tr key={endpoint.id} className="align-top">
                  <Td className="max-w-sm break-all">
                    <Link href={`/settings/webhooks/${endpoint.id}`} className="font-medium text-blue-700 hover:underline">
                      {endpoint.url}
                    </Link>
                  </Td>
                  <Td>{endpoint.description ?? "—"}</Td>
                  <Td className="max-w-xs text-xs">{endpoint.events.join(", ")}</Td>
                  <Td>{endpoint.isEnabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>}</Td>
                  <Td className="whitespace-nowrap text-xs">
                    {formatDateTime(endpoint.createdAt)} by {endpoint.createdByName}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Add an endpoint</CardTitle>
        </CardHeader>
        <EndpointForm
          defaults={{ url: "", description: "", events: [], isEnabled: true }}
          isEditing={false}
          isSaving={create.isPending}
          submitLabel="Add endpoint"
          onSubmit={(values, form) =>
            create.mutate(
              { url: values.url, description: values.description, events: values.events },
              {
                onSuccess: async (endpoint) => {
                  await queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
                  toast.success("Endpoint added: copy its signing secret now");
                  router.push(`/settings/webhooks/${endpoint.id}`);
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
    </div>
  );
}
