// The ledger's write primitives. Every money change of one customer in one currency:
//   1. runs in one interactive transaction (moneyTransaction),
//   2. first locks that (customer, currency) balance row (lockBalance / addToBalance), so all
//      writers of that balance go through one at a time,
//   3. appends its events with running balances and stores the final balance in the same
//      transaction, so the balance always equals the sum of the ledger.
import { Prisma } from "@/prisma/generated/client";
import type { CreditEventType } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { formatMoney, maxMinorUnits } from "@/server/lib/money";
import { uuid7 } from "@/server/lib/uuid7";
import { customerActivitySql } from "@/server/modules/customers/customers.repo";

export type LedgerKey = { customerId: string; currency: string };

export { moneyTransaction } from "@/server/lib/money-transaction";

/**
 * Locks the balance row of (customer, currency), creating it at zero the first time, and returns
 * the balance. NOT_FOUND when the customer (or the currency) does not exist.
 */
export async function lockBalance(tx: DbTx, key: LedgerKey): Promise<bigint> {
  return (await lockBalanceAndHeld(tx, key)).balanceMinor;
}

/**
 * lockBalance that also returns what open holds set aside (server/modules/holds/): what can be
 * spent is balanceMinor - heldMinor. Both only change under this lock.
 */
export async function lockBalanceAndHeld(tx: DbTx, key: LedgerKey): Promise<{ balanceMinor: bigint; heldMinor: bigint }> {
  // One round trip: a new row is inserted; an existing one is "updated" to itself, which locks it
  // as FOR UPDATE would and returns it. No row at all: the customer or the currency is missing.
  const [row] = await tx.$queryRaw<{ balanceMinor: bigint; heldMinor: bigint }[]>`
    INSERT INTO credit_balance AS b (customer_id, currency)
    SELECT c.id, sc.code FROM customer c, store_currency sc WHERE c.id = ${key.customerId}::uuid AND sc.code = ${key.currency}
    ON CONFLICT (customer_id, currency) DO UPDATE SET balance_minor = b.balance_minor
    RETURNING b.balance_minor AS "balanceMinor", b.held_minor AS "heldMinor"`;
  if (row) return row;
  const [customer] = await tx.$queryRaw<unknown[]>`SELECT 1 FROM customer WHERE id = ${key.customerId}::uuid`;
  if (!customer) throw new AppError("NOT_FOUND", "This customer does not exist", "customerId");
  throw new AppError("BAD_INPUT", `${key.currency} is not a currency this store accepts`, "currency");
}

/** Spendable: the balance less what holds set aside (never below zero: credits may expire under a hold). */
export const spendableOf = (balanceMinor: bigint, heldMinor: bigint): bigint => (balanceMinor > heldMinor ? balanceMinor - heldMinor : 0n);

/**
 * Lock and increase in one statement, for operations that know the change before reading the
 * balance (issuing). ON CONFLICT DO UPDATE takes the same row lock lockBalance does.
 */
export async function addToBalance(tx: DbTx, key: LedgerKey, deltaMinor: bigint): Promise<bigint> {
  return (await addToBalanceAndHeld(tx, key, deltaMinor)).balanceMinor;
}

/** addToBalance that also returns what open holds set aside (for a spendable balance to show). */
export async function addToBalanceAndHeld(tx: DbTx, key: LedgerKey, deltaMinor: bigint): Promise<{ balanceMinor: bigint; heldMinor: bigint }> {
  const [row] = await tx.$queryRaw<{ balanceMinor: bigint; heldMinor: bigint }[]>`
    INSERT INTO credit_balance (customer_id, currency, balance_minor) VALUES (${key.customerId}::uuid, ${key.currency}, ${deltaMinor})
    ON CONFLICT (customer_id, currency) DO UPDATE
      SET balance_minor = credit_balance.balance_minor + EXCLUDED.balance_minor, updated_at = now()
    RETURNING balance_minor AS "balanceMinor", held_minor AS "heldMinor"`;
  assertBalanceWithinLimit(key.currency, row!.balanceMinor);
  return row!;
}

/** A balance may not grow past the largest amount anything may hold. */
export function assertBalanceWithinLimit(currency: string, balanceMinor: bigint, field = "amount"): void {
  const max = maxMinorUnits(currency);
  if (balanceMinor > max) {
    throw new AppError("BAD_INPUT", `This would take the balance above ${formatMoney(max, currency)}`, field);
  }
}

export type NewEvent = {
  creditId: string;
  type: CreditEventType;
  /** Signed change of the balance: positive for ISSUED, ADJUSTED_UP, USE_REVERSED, REFUNDED_TO_CREDIT. */
  amountMinor: bigint;
  actorId: string | null;
  reasonId?: string | null;
  reason?: string | null;
  memo?: string | null;
  reversedOperationId?: string | null;
  /** Groups the events of one operation. */
  operationId: string;
  /** The Storefront API key behind the event (actorId null then). */
  apiKeyId?: string | null;
};

export type LedgerEvent = NewEvent & { id: string; balanceAfterMinor: bigint };

/** Gives each event, in order, its id and the balance after it; returns the final balance. */
export function withRunningBalance(startMinor: bigint, events: NewEvent[]): { events: LedgerEvent[]; balanceMinor: bigint } {
  let balance = startMinor;
  const out = events.map((event) => {
    balance += event.amountMinor;
    return { ...event, id: uuid7(), balanceAfterMinor: balance };
  });
  return { events: out, balanceMinor: balance };
}

export function eventsInsertSql(key: LedgerKey, events: LedgerEvent[]): Prisma.Sql {
  const rows = events.map(
    (e) => Prisma.sql`(${e.id}::uuid, ${key.customerId}::uuid, ${key.currency}, ${e.creditId}::uuid, ${e.type}::"CreditEventType",
      ${e.amountMinor}, ${e.balanceAfterMinor}, ${e.actorId}::uuid, ${e.reasonId ?? null}::uuid, ${e.reason ?? null},
      ${e.memo ?? null}, ${e.operationId}::uuid, ${e.reversedOperationId ?? null}::uuid, ${e.apiKeyId ?? null}::uuid)`,
  );
  return Prisma.sql`INSERT INTO credit_event (id, customer_id, currency, credit_id, type, amount_minor, balance_after_minor,
      actor_id, reason_id, reason, memo, operation_id, reversed_operation_id, api_key_id)
    VALUES ${Prisma.join(rows)}`;
}

/**
 * Appends the events and stores the balance they end on, as one pair: the balance is the ledger's
 * sum only if neither is ever written without the other. The balance row is already locked.
 * The customer's Last activity moves with them.
 */
export function ledgerAppendSql(key: LedgerKey, ledger: { events: LedgerEvent[]; balanceMinor: bigint }): Prisma.Sql[] {
  return [eventsInsertSql(key, ledger.events), balanceUpdateSql(key, ledger.balanceMinor), customerActivitySql(key.customerId)];
}

/** Stores the balance the events ended on; the row is already locked by this transaction. */
export function balanceUpdateSql(key: LedgerKey, balanceMinor: bigint): Prisma.Sql {
  return Prisma.sql`UPDATE credit_balance SET balance_minor = ${balanceMinor}, updated_at = now()
    WHERE customer_id = ${key.customerId}::uuid AND currency = ${key.currency}`;
}

/**
 * Runs several independent writes as one statement (data-modifying CTEs), saving a round trip
 * each. They must not touch the same rows: sub-statements do not see each other's changes.
 * Foreign keys between them (an event of a credit inserted alongside) are checked at the end.
 */
export async function executeTogether(tx: DbTx, statements: Prisma.Sql[]): Promise<void> {
  if (statements.length === 0) return;
  await tx.$executeRaw(togetherSql(statements));
}

/** The statements of executeTogether as one (for a caller that runs it on its own connection). */
export function togetherSql(statements: Prisma.Sql[]): Prisma.Sql {
  if (statements.length === 1) return statements[0]!;
  const parts = statements.map((statement, index) => Prisma.sql`${Prisma.raw(`w${index}`)} AS (${statement})`);
  return Prisma.sql`WITH ${Prisma.join(parts)} SELECT 1`;
}
