import { z } from "zod";
import { isStorableLine } from "@/server/lib/zod-fields";

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
