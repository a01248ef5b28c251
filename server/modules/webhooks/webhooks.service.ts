// The webhooks module's entry point (webhooks.router.ts calls only this): endpoints and their
// deliveries on Settings > Webhooks. Events are written by the money services
// (webhookEventInsertSql) and sent by deliver-webhooks.ts.
import "server-only";
import { config } from "@/server/config";
import { AppError } from "@/server/lib/app-error";
import { createdAtPosition, cursorPage, timeIdCursor } from "@/server/lib/pager";
import type { ServiceContext } from "@/server/lib/service-context";
import { uuid7 } from "@/server/lib/uuid7";
import { writeAudit } from "@/server/modules/audit/audit.repo";
import { PrivateAddressError, publicAddressesOf } from "./address-guard";
import { RETRY_WINDOW_MS } from "./delivery-policy";
import { newWebhookSecret } from "./send-webhook";
import {
  deleteEndpoint,
  findDeliveryRecord,
  findEndpointRecord,
  insertEndpoint,
  listDeliveryRecords,
  listEndpointRecords,
  resendDelivery,
  updateEndpoint,
  type WebhookDeliveryRecord,
  type WebhookEndpointRecord,
} from "./webhooks.repo";
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput, WebhookDeliveryListInput } from "./webhooks.schema";

export type WebhookEndpointView = WebhookEndpointRecord;
export type WebhookDeliveryView = WebhookDeliveryRecord;

const ENTITY = "webhook_endpoint";

/** Every endpoint, oldest first, with its secret (the page is for admins only). */
export const listWebhookEndpoints = ({ db }: ServiceContext): Promise<WebhookEndpointView[]> => listEndpointRecords(db);

export async function getWebhookEndpointOrThrow({ db }: ServiceContext, endpointId: string): Promise<WebhookEndpointView> {
  const endpoint = await findEndpointRecord(db, endpointId);
  if (!endpoint) throw new AppError("NOT_FOUND", "This webhook endpoint does not exist", "endpointId");
  return endpoint;
}

/**
 * Refuses a URL whose host is (or resolves to) a private, loopback or link-local address, so the
 * form says so at once; the delivery job checks again on every try (DNS can change).
 */
async function assertDeliverableUrl(url: string): Promise<void> {
  if (config().WEBHOOKS_ALLOW_PRIVATE === 1) return;
  try {
    await publicAddressesOf(new URL(url).hostname, { allowPrivate: false });
  } catch (error) {
    if (error instanceof PrivateAddressError) throw new AppError("BAD_INPUT", error.message, "url");
    throw new AppError("BAD_INPUT", `${new URL(url).hostname} could not be found; check the URL`, "url");
  }
}

export async function createWebhookEndpoint({ db, actor }: ServiceContext, input: CreateWebhookEndpointInput): Promise<WebhookEndpointView> {
  await assertDeliverableUrl(input.url);
  const id = uuid7();
  await db.$transaction(async (tx) => {
    await insertEndpoint(tx, { id, url: input.url, description: input.description, events: input.events, secret: newWebhookSecret(), createdById: actor.id });
    // Never the secret.
    await writeAudit(tx, { actor, action: "webhook.create", entityType: ENTITY, entityId: id, after: { url: input.url, description: input.description, events: input.events, isEnabled: true } });
  });
  return getWebhookEndpointOrThrow({ db, actor }, id);
}

export async function updateWebhookEndpoint({ db, actor }: ServiceContext, input: UpdateWebhookEndpointInput): Promise<WebhookEndpointView> {
  await assertDeliverableUrl(input.url);
  await db.$transaction(async (tx) => {
    const before = await findEndpointRecord(tx, input.endpointId, { forUpdate: true });
    if (!before) throw new AppError("NOT_FOUND", "This webhook endpoint does not exist", "endpointId");
    const after = { url: input.url, description: input.description, events: input.events, isEnabled: input.isEnabled };
    await updateEndpoint(tx, input.endpointId, after);
    await writeAudit(tx, {
      actor,
      action: before.isEnabled === input.isEnabled ? "webhook.update" : input.isEnabled ? "webhook.enable" : "webhook.disable",
      entityType: ENTITY,
      entityId: input.endpointId,
      before: { url: before.url, description: before.description, events: before.events, isEnabled: before.isEnabled },
      after,
    });
  });
  return getWebhookEndpointOrThrow({ db, actor }, input.endpointId);
}

/** Deletes the endpoint and its deliveries (queued ones are not sent). */
export async function deleteWebhookEndpoint({ db, actor }: ServiceContext, endpointId: string): Promise<{ endpointId: string }> {
  return db.$transaction(async (tx) => {
    const before = await findEndpointRecord(tx, endpointId, { forUpdate: true });
    if (!before) throw new AppError("NOT_FOUND", "This webhook endpoint does not exist", "endpointId");
    await deleteEndpoint(tx, endpointId);
    await writeAudit(tx, {
      actor,
      action: "webhook.delete",
      entityType: ENTITY,
      entityId: endpointId,
      before: { url: before.url, description: before.description, events: before.events, isEnabled: before.isEnabled },
    });
    return { endpointId };
  });
}

/** An endpoint's deliveries, newest first, keyset-paged on (createdAt, id). */
export async function listWebhookDeliveries(ctx: ServiceContext, input: WebhookDeliveryListInput): Promise<{ items: WebhookDeliveryView[]; nextCursor: string | null }> {
  await getWebhookEndpointOrThrow(ctx, input.endpointId);
  return cursorPage({
    cursor: input.cursor,
    limit: input.limit,
    codec: timeIdCursor,
    fetch: (before, limit) => listDeliveryRecords(ctx.db, { endpointId: input.endpointId, before, limit }),
    positionOf: createdAtPosition,
  });
}

/**
 * Sends a delivery again (the same event: the same webhook-id and body) on the next delivery
 * run, with a fresh 3-day retry window. Receivers dedupe on webhook-id, so a second copy is harmless.
 */
export async function resendWebhookDelivery({ db, actor }: ServiceContext, deliveryId: string): Promise<{ deliveryId: string; endpointId: string }> {
  return db.$transaction(async (tx) => {
    const delivery = await findDeliveryRecord(tx, deliveryId);
    if (!delivery) throw new AppError("NOT_FOUND", "This delivery does not exist", "deliveryId");
    const now = new Date();
    await resendDelivery(tx, deliveryId, { now, retryUntil: new Date(now.getTime() + RETRY_WINDOW_MS) });
    await writeAudit(tx, {
      actor,
      action: "webhook.resend",
      entityType: ENTITY,
      entityId: delivery.endpointId,
      before: { status: delivery.status, attempts: delivery.attempts },
      after: { status: "PENDING" },
      details: { deliveryId, eventId: delivery.eventId, eventType: delivery.eventType },
    });
    return { deliveryId, endpointId: delivery.endpointId };
  });
}
