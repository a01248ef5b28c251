import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { ServiceContext } from "@/server/lib/service-context";
import { ZIssueCreditInput } from "@/server/modules/credits/credits.schema";
import { issueCredit, type IssueCreditResult } from "@/server/modules/credits/issue-credit";
import { isApprovalPending, type ApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { findCreditMismatches, findLedgerMismatches } from "@/server/modules/credits/ledger-check";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";
import { getStaffActor } from "@/server/modules/staff/staff.service";
import { createCustomer } from "./customers";
import { createStaffMember } from "./staff";

/** A service context acting as a new staff member with this role (permissions as the server gives them). */
export async function serviceContextAs(db: Db, role: string): Promise<ServiceContext> {
  const staff = await createStaffMember(db, role);
  const actor = await getStaffActor(db, staff.id);
  if (!actor) throw new Error("The new staff member is not active");
  return { db, actor };
}

export type IssueOverrides = Partial<{
  customerId: string;
  amount: string;
  currency: string;
  categoryId: string;
  memo: string | null;
  expiresAt: Date | null;
  notifyCustomer: boolean;
  idempotencyKey: string;
}>;

/** Issues credit through the real service (defaults: $10.00 Goodwill, no expiry); fails if it was sent for approval. */
export async function issueTestCredit(ctx: ServiceContext, customerId: string, overrides: IssueOverrides = {}): Promise<IssueCreditResult> {
  const result = await issueCredit(
    ctx,
    ZIssueCreditInput.parse({
      idempotencyKey: randomUUID(),
      customerId,
      amount: "10.00",
      currency: "USD",
      categoryId: DEFAULT_CATEGORY_IDS.goodwill,
      ...overrides,
    }),
  );
  if (isApprovalPending(result)) throw new Error(`The test credit was sent for approval: ${result.approvalRequest.limitReason}`);
  return result;
}

/** A new customer holding one credit per amount (in order, oldest first). */
export async function customerWithCredits(ctx: ServiceContext, amounts: string[], currency = "USD") {
  const customer = await createCustomer(ctx.db);
  const credits = [];
  for (const amount of amounts) credits.push(await issueTestCredit(ctx, customer.id, { amount, currency }));
  return { customer, credits };
}

/** Moves a credit's expiry into the past, as if time had passed (credits can only be issued with a future expiry). */
export async function backdateExpiry(db: Db, creditId: string, expiresAt: Date = new Date(Date.now() - 60_000)) {
  await db.$executeRaw`UPDATE store_credit SET expires_at = ${expiresAt}::timestamptz WHERE id = ${creditId}::uuid`;
}

export async function balanceOf(db: Db, customerId: string, currency = "USD"): Promise<bigint> {
  const row = await db.creditBalance.findUnique({ where: { customerId_currency: { customerId, currency } } });
  return row?.balanceMinor ?? 0n;
}

/** Both ledger checks for these customers; empty arrays when the books agree. */
export async function ledgerProblems(db: Db, customerIds: string[]) {
  const [balances, credits] = await Promise.all([
    findLedgerMismatches(db, { customerIds }),
    findCreditMismatches(db, { customerIds }),
  ]);
  return { balances, credits };
}

export const newKey = () => randomUUID();

/** A money action's result that must have run directly, not been sent for approval. */
export function executed<T extends object>(result: T | ApprovalPending): T {
  if (isApprovalPending(result)) throw new Error(`Sent for approval instead: ${result.approvalRequest.limitReason}`);
  return result;
}
