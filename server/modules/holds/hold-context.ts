import type { Db } from "@/server/db/client";
import { keyScopeOf, type IdempotentRequest } from "@/server/lib/idempotency";
import type { Actor } from "@/server/lib/service-context";
import type { HoldRecord } from "./holds.repo";

/**
 * Holds come from the storefront API (actor null, the API key's id) or from staff (the admin,
 * tests). The API key scopes the idempotency keys of API calls, as a staff member scopes theirs,
 * and an API call's concurrent duplicate is refused as retryable instead of waiting (keyScopeOf).
 */
export type HoldContext = { db: Db; actor: Actor | null; apiKeyId: string | null };

export const holdRequest = (ctx: HoldContext, operation: string, input: { idempotencyKey: string }): IdempotentRequest => ({
  ...keyScopeOf(ctx),
  key: input.idempotencyKey,
  operation,
  request: input,
});

/** What every hold function answers: the hold as it now is, and the balance it sits on. */
export type HoldResult = {
  hold: HoldRecord;
  /** The ledger balance (what the credits hold), holds not deducted. */
  balanceMinor: bigint;
  /** What can still be spent or held: the balance less every open hold. */
  spendableMinor: bigint;
};
