import type { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import type { Actor } from "@/server/lib/service-context";
import { issueContextSql, type IssueContext } from "@/server/modules/credits/credits.repo";
import type { IssueCreditInput, SendCreditsInput, SetBalanceInput, UpdateCreditInput } from "@/server/modules/credits/credits.schema";
import { issueCreditInTx } from "@/server/modules/credits/issue-credit";
import { startApprovedBatchInTx } from "@/server/modules/bulk-credits/start-batch";
import { sendCreditsInTx } from "@/server/modules/credits/send-credits";
import { setBalanceInTx } from "@/server/modules/credits/set-balance";
import { updateCreditInTx } from "@/server/modules/credits/update-credit";
import { recordRefundInTx, type RecordedRefund } from "@/server/modules/refunds/create-refund";
import type { CreateRefundInput } from "@/server/modules/refunds/refunds.schema";
import { isApprovalPending, type ApprovableOperation } from "./approvals.schema";
import type { ActionMode } from "./limit-gate";

type Approved = { mode: ActionMode; resultSql: (result: unknown) => Prisma.Sql };

/**
 * Runs a request's stored action as the approver, in the decision's transaction, through the same
 * core the direct call uses (so every rule is checked again now). Returns the recorded refund when
 * the gateway still has to be called after the commit.
 */
export async function runApprovedAction(
  tx: DbTx,
  approver: Actor,
  operation: ApprovableOperation,
  input: unknown,
  approved: Approved,
): Promise<{ refund: RecordedRefund | null }> {
  const done = (result: unknown) => {
    // The approver's own limit is checked in approving mode: it refuses instead of filing.
    if (isApprovalPending(result)) throw new AppError("INTERNAL", "An approved action was sent for approval again");
    return result;
  };
  switch (operation) {
    case "credit.issue": {
      const issue = input as IssueCreditInput;
      const [row] = await tx.$queryRaw<IssueContext[]>(issueContextSql(issue));
      done(await issueCreditInTx(tx, approver, issue, { row: row!, ...approved }));
      return { refund: null };
    }
    case "credit.send":
      done(await sendCreditsInTx(tx, approver, input as SendCreditsInput, approved));
      return { refund: null };
    case "credit.update":
      done(await updateCreditInTx(tx, approver, input as UpdateCreditInput, approved));
      return { refund: null };
    case "credit.set_balance":
      done(await setBalanceInTx(tx, approver, input as SetBalanceInput, approved));
      return { refund: null };
    case "refund.create":
      return { refund: done(await recordRefundInTx(tx, approver, input as CreateRefundInput, approved)) as RecordedRefund };
    case "credit.bulk": {
      // Starts the batch under the approver; the job issues its rows (each through issueCredit).
      const started = await startApprovedBatchInTx(tx, approver, input as { batchId: string }, approved.mode);
      await tx.$executeRaw(approved.resultSql({ status: "RUNNING", batchId: started.batchId }));
      return { refund: null };
    }
  }
}
