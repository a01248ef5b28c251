import { AppError } from "@/server/lib/app-error";
import { idempotentTransaction, keyScopeOf } from "@/server/lib/idempotency";
import type { CallerContext } from "@/server/lib/service-context";
import { uuid7 } from "@/server/lib/uuid7";
import { writeAudit } from "@/server/modules/audit/audit.repo";
import { customerUpdatedEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { normaliseEmail } from "./customer-text";
import {
  createCustomerRecord,
  findCustomerByEmail,
  findCustomerByExternalId,
  lockCustomerIdentity,
  updateCustomerRecord,
  type CustomerRecord,
} from "./customers.repo";
import type { UpsertCustomerInput } from "./customers.schema";

export type UpsertCustomerResult = { customer: CustomerRecord; isCreated: boolean };

const snapshot = (c: Pick<CustomerRecord, "email" | "firstName" | "lastName" | "phone">) => ({ email: c.email, firstName: c.firstName, lastName: c.lastName, phone: c.phone });

/**
 * The Storefront API's customer sync: the customer with this external id is created, or its email,
 * names and phone become these. Idempotent under the caller's key; an email that belongs to another
 * customer is refused (CONFLICT on email). Audited only when something changed.
 */
export function upsertCustomer(ctx: CallerContext, input: UpsertCustomerInput): Promise<UpsertCustomerResult> {
  const scope = keyScopeOf({ actor: ctx.actor, apiKeyId: ctx.apiKey?.id ?? null });
  if (!scope.actor) throw new AppError("INTERNAL", "A customer is written by a staff member or an API key");
  const request = { ...scope, key: input.idempotencyKey, operation: "customer.upsert", request: input };
  return idempotentTransaction<UpsertCustomerResult>(ctx.db, request, async (tx) => {
    await lockCustomerIdentity(tx, input.externalId, input.email);
    const [existing, emailOwner] = await Promise.all([findCustomerByExternalId(tx, input.externalId), findCustomerByEmail(tx, input.email)]);
    if (emailOwner && emailOwner.id !== existing?.id) throw new AppError("CONFLICT", "Another customer already has this email", "email");
    const wanted = { email: normaliseEmail(input.email), firstName: input.firstName, lastName: input.lastName, phone: input.phone };
    const by = { actor: ctx.actor, apiKeyId: ctx.apiKey?.id ?? null };
    const details = { externalId: input.externalId, ...(ctx.apiKey ? { apiKeyName: ctx.apiKey.name } : {}) };

    if (!existing) {
      const id = uuid7();
      const created = await createCustomerRecord(tx, { id, externalId: input.externalId, ...wanted });
      await writeAudit(tx, { ...by, action: "customer.create", entityType: "customer", entityId: id, customerId: id, after: snapshot(wanted), details });
      const customer: CustomerRecord = { id, externalId: input.externalId, ...wanted, createdAt: created.createdAt, lastActivityAt: created.lastActivityAt };
      return { customer, isCreated: true };
    }
    const before = snapshot(existing);
    const changed = (Object.keys(before) as (keyof typeof before)[]).filter((field) => before[field] !== wanted[field]);
    if (changed.length === 0) return { customer: existing, isCreated: false };
    await updateCustomerRecord(tx, { id: existing.id, ...wanted });
    await writeAudit(tx, {
      ...by,
      action: "customer.update",
      entityType: "customer",
      entityId: existing.id,
      customerId: existing.id,
      before: Object.fromEntries(changed.map((field) => [field, before[field]])),
      after: Object.fromEntries(changed.map((field) => [field, wanted[field]])),
      details,
    });
    await tx.$executeRaw(webhookEventSql(customerUpdatedEvent({ customerId: existing.id, externalId: input.externalId, ...wanted })));
    return { customer: { ...existing, ...wanted }, isCreated: false };
  });
}
