import type { CreditOperationView } from "@/server/modules/credits/credits.service";

/**
 * An operation with a reason (an adjustment, a deletion, a set balance) stores the staff member's
 * note where a grant stores its memo. That note belongs with its reason, not in the Memo column,
 * which is read as the credit's own memo.
 */
export function noteAndMemoOf(op: Pick<CreditOperationView, "reason" | "memo">): { note: string | null; memo: string | null } {
  return op.reason !== null ? { note: op.memo, memo: null } : { note: null, memo: op.memo };
}
