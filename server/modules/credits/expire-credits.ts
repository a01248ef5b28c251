import type { Db, DbTx } from "@/server/db/client";
import { uuid7 } from "@/server/lib/uuid7";
import { auditInsertSql } from "@/server/modules/audit/audit.repo";
import { creditAmountsUpdateSql, dueCreditsForUpdate, dueExpiryKeys, markExpiryProcessedSql, remainingOf } from "./credits.repo";
import { executeTogether, ledgerAppendSql, lockBalance, moneyTransaction, withRunningBalance, type LedgerKey } from "./ledger";
import { creditExpiredEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";

export const EXPIRED_REASON = "Expired";

/**
 * Closes the credits of (customer, currency) that are past their expiry: the unused balance of
 * each goes through an EXPIRED event (system actor), and every due credit is marked processed so
 * the next run skips it. The caller holds the balance lock and passes the balance; returns the
 * balance afterwards. Spends and set-balance call this first, so they never count expired money.
 */
export async function expireDueCredits(tx: DbTx, key: LedgerKey, balanceMinor: bigint, now: Date): Promise<{ balanceMinor: bigint; expiredCredits: number }> {
  const due = await dueCreditsForUpdate(tx, key, now);
  if (due.length === 0) return { balanceMinor, expiredCredits: 0 };

  const withBalance = due.filter((credit) => credit.voidedAt === null && remainingOf(credit) > 0n);
  const closedOnly = due.filter((credit) => !withBalance.includes(credit));
  const operationId = uuid7();
  const ledger = withRunningBalance(
    balanceMinor,
    withBalance.map((credit) => ({
      creditId: credit.id,
      type: "EXPIRED" as const,
      amountMinor: -remainingOf(credit),
      actorId: null,
      reason: EXPIRED_REASON,
      operationId,
    })),
  );
  await executeTogether(tx, [
    ...(closedOnly.length ? [markExpiryProcessedSql(closedOnly.map((credit) => credit.id))] : []),
    ...(withBalance.length
      ? [
          creditAmountsUpdateSql(
            withBalance.map((credit) => ({ ...credit, removedMinor: credit.removedMinor + remainingOf(credit), isExpiryProcessed: true })),
          ),
          ...ledgerAppendSql(key, ledger),
          ...withBalance.map((credit) =>
            auditInsertSql({
              actor: null,
              action: "credit.expire",
              entityType: "store_credit",
              entityId: credit.id,
              customerId: key.customerId,
              details: { customerId: key.customerId, currency: key.currency, expiredMinor: remainingOf(credit), expiresAt: credit.expiresAt },
            }),
          ),
          ...withBalance.map((credit) =>
            webhookEventSql(
              creditExpiredEvent({ creditId: credit.id, ...key, expiredMinor: remainingOf(credit), balanceMinor: ledger.balanceMinor, expiresAt: credit.expiresAt, operationId }),
            ),
          ),
        ]
      : []),
  ]);
  return { balanceMinor: ledger.balanceMinor, expiredCredits: withBalance.length };
}

export type ExpiryRunResult = { customers: number; expiredCredits: number; failures: number };

/**
 * The expiry run (`npm run credits:expire` and the in-server schedule): one transaction per
 * (customer, currency) with due credits. Running it again changes nothing, because every due
 * credit it saw is marked processed. A failing customer is logged and left for the next run (if a
 * whole batch fails the run stops there rather than loop).
 */
export async function expireCredits(
  { db }: { db: Db },
  opts: { now?: Date; batchSize?: number; log?: (line: string) => void } = {},
): Promise<ExpiryRunResult> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 500;
  const result: ExpiryRunResult = { customers: 0, expiredCredits: 0, failures: 0 };
  const failed = new Set<string>();
  for (;;) {
    const keys = (await dueExpiryKeys(db, now, batchSize)).filter((key) => !failed.has(`${key.customerId}:${key.currency}`));
    if (keys.length === 0) break;
    for (const key of keys) {
      try {
        const { expiredCredits } = await moneyTransaction(db, async (tx) => expireDueCredits(tx, key, await lockBalance(tx, key), now));
        result.customers += 1;
        result.expiredCredits += expiredCredits;
      } catch (error) {
        failed.add(`${key.customerId}:${key.currency}`);
        result.failures += 1;
        opts.log?.(`Expiry failed for customer ${key.customerId} (${key.currency}): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return result;
}
