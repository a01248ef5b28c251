// Storefront API keys: what a key may do and the Settings > API keys form. Client-safe.
import { z } from "zod";
import { ZLineText } from "@/server/lib/zod-fields";

/** What an API key may do; each REST route names the one scope it needs (server/api/). */
export const API_SCOPES = ["customers:read", "customers:write", "balances:read", "credits:spend", "credits:issue", "refunds:create"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  "customers:read": "Look up customers by id, external id or email",
  "customers:write": "Create and update customers by external id",
  "balances:read": "Read a customer's balances and credit history",
  "credits:spend": "Spend store credit at checkout",
  "credits:issue": "Issue store credit",
  "refunds:create": "Refund to store credit",
};

/** The secret's fixed start; `cd_live_` plus 32 random base64url characters. */
export const API_KEY_SECRET_PREFIX = "cd_live_";

export const ZCreateApiKeyInput = z.object({
  name: ZLineText(100, "name").describe("What the key is for, e.g. “Shop checkout”"),
  scopes: z
    .array(z.enum(API_SCOPES, "Choose a scope from the list"))
    .min(1, "Choose at least one scope")
    .max(API_SCOPES.length)
    .transform((scopes) => API_SCOPES.filter((scope) => scopes.includes(scope)))
    .describe("What the key may do"),
  expiresAt: z
    .date("Enter a valid date")
    .refine((date) => date.getTime() > Date.now(), "Choose a date in the future")
    .nullish()
    .transform((date) => date ?? null)
    .describe("After this moment the key is refused; null for no expiry"),
});
export type CreateApiKeyInput = z.output<typeof ZCreateApiKeyInput>;

export const ZRevokeApiKeyInput = z.object({ id: z.uuid("This API key does not exist") });
export type RevokeApiKeyInput = z.output<typeof ZRevokeApiKeyInput>;
