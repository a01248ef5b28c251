import { z } from "zod";
import { isStorableLine, printableMessage, ZIdempotencyKey, ZLineText, ZOptionalText } from "@/server/lib/zod-fields";

export const CUSTOMER_SORTS = ["relevance", "name", "email", "createdAt", "lastActivityAt"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export const ZCustomerSearchInput = z.object({
  query: z
    .string()
    .max(200, "Search text is too long (200 characters at most)")
    .refine(isStorableLine, "Search text contains control characters")
    .default("")
    .describe("Name in either order, email or a fragment of it, phone in any format, or customer id"),
  sort: z.enum(CUSTOMER_SORTS).default("relevance"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  cursor: z.string().max(500).nullish().describe("Opaque keyset cursor from a previous page"),
  limit: z.number().int().min(1).max(100).default(25),
});
export type CustomerSearchInput = z.infer<typeof ZCustomerSearchInput>;

export const ZCustomerIdInput = z.object({
  customerId: z.string().describe("Customer id (UUID)"),
});

/** The shop's own id for a customer (Storefront API): any single line of text, unique per customer. */
export const ZExternalId = z
  .string("Enter the customer's external id")
  .trim()
  .min(1, "Enter the customer's external id")
  .max(200, "Keep the external id under 200 characters")
  .refine(isStorableLine, printableMessage("external id"))
  .describe("The shop's own id for this customer");

export const ZCustomerEmail = z.email("Enter a valid email address").max(254, "Enter a valid email address").describe("Stored lower-case; unique per customer");

/** Creates the customer with this external id, or updates its email, names and phone. */
export const ZUpsertCustomerInput = z.object({
  idempotencyKey: ZIdempotencyKey,
  externalId: ZExternalId,
  email: ZCustomerEmail,
  firstName: ZLineText(100, "first name"),
  lastName: ZLineText(100, "last name"),
  phone: ZOptionalText(40, "phone").refine((phone) => phone === null || isStorableLine(phone), printableMessage("phone")),
});
export type UpsertCustomerInput = z.output<typeof ZUpsertCustomerInput>;
