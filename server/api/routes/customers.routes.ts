import { z } from "zod";
import { AppError } from "@/server/lib/app-error";
import type { CustomerRecord } from "@/server/modules/customers/customers.repo";
import { ZUpsertCustomerInput } from "@/server/modules/customers/customers.schema";
import {
  getCustomerByEmailOrThrow,
  getCustomerByExternalIdOrThrow,
  getCustomerOrThrow,
  upsertCustomer,
} from "@/server/modules/customers/customers.service";
import { defineRoute } from "../api-route";
import { ZCustomerPath } from "./api-fields";

export const ZApiCustomer = z
  .object({
    id: z.uuid(),
    external_id: z.string().nullable().describe("The shop's own id; null for customers made in Creditdesk"),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    phone: z.string().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "Customer" });

export const customerOut = (c: CustomerRecord): z.input<typeof ZApiCustomer> => ({
  id: c.id,
  external_id: c.externalId,
  email: c.email,
  first_name: c.firstName,
  last_name: c.lastName,
  phone: c.phone,
  created_at: c.createdAt.toISOString(),
});

const fields = ZUpsertCustomerInput.shape;

export const customerRoutes = [
  defineRoute({
    method: "POST",
    path: "/customers",
    operationId: "upsertCustomer",
    summary: "Create or update a customer by external id",
    description: "The customer with this external_id is created, or its email, names and phone are set to these. An email that belongs to another customer is refused (409).",
    tag: "Customers",
    scope: "customers:write",
    body: z
      .object({ external_id: fields.externalId, email: fields.email, first_name: fields.firstName, last_name: fields.lastName, phone: fields.phone })
      .meta({ id: "CustomerUpsert" }),
    response: ZApiCustomer.extend({ created: z.boolean().describe("True when this request created the customer") }).meta({ id: "CustomerUpserted" }),
    refusals: [409, 422],
    handler: async (ctx, { body }) => {
      const input = ZUpsertCustomerInput.parse({
        idempotencyKey: ctx.idempotencyKey,
        externalId: body.external_id,
        email: body.email,
        firstName: body.first_name,
        lastName: body.last_name,
        phone: body.phone,
      });
      const { customer, isCreated } = await upsertCustomer({ db: ctx.db, actor: null, apiKey: ctx.apiKey }, input);
      return { ...customerOut(customer), created: isCreated };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/customers/{customer_id}",
    operationId: "getCustomer",
    summary: "Get a customer by id",
    tag: "Customers",
    scope: "customers:read",
    params: ZCustomerPath,
    response: ZApiCustomer,
    refusals: [404],
    handler: async (ctx, { params }) => customerOut(await getCustomerOrThrow(ctx, params.customer_id)),
  }),
  defineRoute({
    method: "GET",
    path: "/customers/by-external-id/{external_id}",
    operationId: "getCustomerByExternalId",
    summary: "Get a customer by the shop's external id",
    tag: "Customers",
    scope: "customers:read",
    params: z.object({ external_id: z.string().max(200).describe("The shop's own id for the customer") }),
    response: ZApiCustomer,
    refusals: [404],
    handler: async (ctx, { params }) => customerOut(await getCustomerByExternalIdOrThrow(ctx, params.external_id)),
  }),
  defineRoute({
    method: "GET",
    path: "/customers/by-email/{email}",
    operationId: "getCustomerByEmail",
    summary: "Get a customer by email",
    tag: "Customers",
    scope: "customers:read",
    params: z.object({ email: z.string().max(254).describe("The customer's email, any case") }),
    response: ZApiCustomer,
    refusals: [404],
    handler: async (ctx, { params }) => {
      if (!params.email.includes("@")) throw new AppError("NOT_FOUND", "No customer has this email", "email");
      return customerOut(await getCustomerByEmailOrThrow(ctx, params.email));
    },
  }),
];
