import "server-only";
import { createTRPCRouter, permissionProcedure } from "@/server/trpc/init";
import {
  ZCreateWebhookEndpointInput,
  ZResendWebhookDeliveryInput,
  ZUpdateWebhookEndpointInput,
  ZWebhookDeliveryListInput,
  ZWebhookEndpointIdInput,
} from "./webhooks.schema";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpointOrThrow,
  listWebhookDeliveries,
  listWebhookEndpoints,
  resendWebhookDelivery,
  updateWebhookEndpoint,
} from "./webhooks.service";

const manage = () => permissionProcedure("webhooks:manage");

export const webhooksRouter = createTRPCRouter({
  list: manage().query(({ ctx }) => listWebhookEndpoints(ctx)),
  get: manage().input(ZWebhookEndpointIdInput).query(({ ctx, input }) => getWebhookEndpointOrThrow(ctx, input.endpointId)),
  create: manage().input(ZCreateWebhookEndpointInput).mutation(({ ctx, input }) => createWebhookEndpoint(ctx, input)),
  update: manage().input(ZUpdateWebhookEndpointInput).mutation(({ ctx, input }) => updateWebhookEndpoint(ctx, input)),
  delete: manage().input(ZWebhookEndpointIdInput).mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx, input.endpointId)),
  deliveries: manage().input(ZWebhookDeliveryListInput).query(({ ctx, input }) => listWebhookDeliveries(ctx, input)),
  resend: manage().input(ZResendWebhookDeliveryInput).mutation(({ ctx, input }) => resendWebhookDelivery(ctx, input.deliveryId)),
});
