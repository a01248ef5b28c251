import { AppError, isAppError } from "@/server/lib/app-error";
import { reverseSpend as reverseCreditSpend, type ReverseSpendResult } from "@/server/modules/credits/spend-credit";
import type { HoldContext } from "./hold-context";
import type { ReverseSpendInput } from "./holds.schema";

/**
 * POST /spends/{id}/reverse: an order was cancelled or returned, so its spend (a capture's, or a
 * plain spend) goes back in full onto the credits it came from, or onto a new Refund credit for
 * what came from credits that have expired since. Once: a second reversal finds nothing left to
 * give back (CONFLICT); the same idempotency key replays the first answer.
 */
export async function reverseSpend(ctx: HoldContext, input: ReverseSpendInput): Promise<ReverseSpendResult> {
  try {
    return await reverseCreditSpend(ctx, { idempotencyKey: input.idempotencyKey, spendOperationId: input.operationId });
  } catch (error) {
    // The credits function names the spend spendOperationId; this input calls it operationId.
    if (isAppError(error) && error.field === "spendOperationId") throw new AppError(error.code, error.message, "operationId");
    throw error;
  }
}
