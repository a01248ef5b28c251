// Webhook endpoints and their deliveries (Settings > Webhooks). Client-safe: the form validates
// with the same schemas.
import { z } from "zod";
import { ZCursor, ZOptionalText } from "@/server/lib/zod-fields";

/** Every event type a webhook endpoint may receive, in the order the form lists them. */
export const WEBHOOK_EVENT_TYPES = [
  "credit.issued",
  "credit.adjusted",
  "credit.voided",
  "credit.expiring",
  "credit.expired",
  "credit.spent",
  "hold.created",
  "hold.captured",
  "hold.released",
  "refund.succeeded",
  "refund.failed",
  "customer.updated",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "credit.issued": "Credit issued",
  "credit.adjusted": "Credit adjusted (amount or balance changed)",
  "credit.voided": "Credit deleted",
  "credit.expiring": "Credit expiring soon (reminder sent)",
  "credit.expired": "Credit expired",
  "credit.spent": "Credit spent",
  "hold.created": "Hold placed",
  "hold.captured": "Hold captured",
  "hold.released": "Hold released",
  "refund.succeeded": "Refund succeeded",
  "refund.failed": "Refund failed",
  "customer.updated": "Customer updated",
};

const ZUrl = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the events")
  .max(2000, "Keep the URL under 2000 characters")
  .refine((raw) => URL.canParse(raw) && ["http:", "https:"].includes(new URL(raw).protocol), "Enter an http:// or https:// URL")
  .refine((raw) => !URL.canParse(raw) || (new URL(raw).username === "" && new URL(raw).password === ""), "Leave user names and passwords out of the URL")
  .describe("Where events are POSTed (https:// in production)");

const ZEvents = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, "Choose events from the list"), "Choose at least one event")
  .min(1, "Choose at least one event")
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((events) => WEBHOOK_EVENT_TYPES.filter((type) => events.includes(type)))
  .describe("The event types this endpoint receives");

export const ZCreateWebhookEndpointInput = z.object({
  url: ZUrl,
  description: ZOptionalText(200, "description"),
  events: ZEvents,
});
export type CreateWebhookEndpointInput = z.output<typeof ZCreateWebhookEndpointInput>;

export const ZWebhookEndpointIdInput = z.object({ endpointId: z.uuid("This webhook endpoint does not exist") });

export const ZUpdateWebhookEndpointInput = ZCreateWebhookEndpointInput.extend({
  endpointId: z.uuid("This webhook endpoint does not exist"),
  isEnabled: z.boolean().describe("A disabled endpoint gets no new events; deliveries already queued still go out"),
});
export type UpdateWebhookEndpointInput = z.output<typeof ZUpdateWebhookEndpointInput>;

export const ZWebhookDeliveryListInput = z.object({
  endpointId: z.uuid("This webhook endpoint does not exist"),
  cursor: ZCursor,
  limit: z.number().int().min(1).max(100).default(25),
});
export type WebhookDeliveryListInput = z.output<typeof ZWebhookDeliveryListInput>;

export const ZResendWebhookDeliveryInput = z.object({ deliveryId: z.uuid("This delivery does not exist") });

export const WEBHOOK_DELIVERY_STATUS_LABELS = { PENDING: "Pending", DELIVERED: "Delivered", FAILED: "Failed" } as const;
