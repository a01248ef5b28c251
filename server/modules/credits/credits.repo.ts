import { Prisma } from "@/prisma/generated/client";
import type { CreditEventType } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";
import type { LedgerKey } from "./ledger";

export type CreditRecord = {
  id: string;
  customerId: string;
  currency: string;
  amountMinor: bigint;
  usedMinor: bigint;
  removedMinor: bigint;
  categoryId: string;
  memo: string | null;
  expiresAt: Date | null;
  expiryProcessedAt: Date | null;
  paymentId: string | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  voidedAt: Date | null;
  voidedById: string | null;
  voidReason: string | null;
};

const CREDIT_COLUMNS = Prisma.sql`sc.id, sc.customer_id AS "customerId", sc.currency,
  sc.amount_minor AS "amountMinor", sc.used_minor AS "usedMinor", sc.removed_minor AS "removedMinor",
  sc.category_id AS "categoryId", sc.memo, sc.expires_at AS "expiresAt", sc.expiry_processed_at AS "expiryProcessedAt",
  sc.payment_id AS "paymentId", sc.created_by_id AS "createdById", sc.created_at AS "createdAt", sc.updated_at AS "updatedAt",
  sc.voided_at AS "voidedAt", sc.voided_by_id AS "voidedById", sc.void_reason AS "voidReason"`;

export const remainingOf = (credit: Pick<CreditRecord, "amountMinor" | "usedMinor" | "removedMinor">) =>
  credit.amountMinor - credit.usedMinor - credit.removedMinor;

export async function findCredit(db: DbTx, creditId: string, opts: { forUpdate?: boolean } = {}): Promise<CreditRecord | null> {
  const rows = await db.$queryRaw<CreditRecord[]>`
    SELECT ${CREDIT_COLUMNS} FROM store_credit sc WHERE sc.id = ${creditId}::uuid
    ${opts.forUpdate ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  return rows[0] ?? null;
}

/** Several credits by id, locked (the caller holds their balance lock). */
export const findCreditsForUpdate = (tx: DbTx, creditIds: string[]) =>
  tx.$queryRaw<CreditRecord[]>`SELECT ${CREDIT_COLUMNS} FROM store_credit sc WHERE sc.id = ANY(${creditIds}::uuid[]) ORDER BY sc.id FOR UPDATE`;

export function voidCreditSql(opts: { creditId: string; removedMinor: bigint; actorId: string; reason: string }): Prisma.Sql {
  return Prisma.sql`UPDATE store_credit SET removed_minor = ${opts.removedMinor}, voided_at = now(), voided_by_id = ${opts.actorId}::uuid,
      void_reason = ${opts.reason}, updated_at = now()
    WHERE id = ${opts.creditId}::uuid`;
}

export type CreditDetailsChange = {
  memo?: string | null;
  categoryId?: string;
  expiresAt?: Date | null;
  /** Clear the expiry run's mark, because the expiry moved later (or went away). */
  isExpiryReopened?: boolean;
  amountMinor?: bigint;
};

export function creditDetailsUpdateSql(creditId: string, change: CreditDetailsChange): Prisma.Sql {
  const sets = [Prisma.sql`updated_at = now()`];
  if (change.memo !== undefined) sets.push(Prisma.sql`memo = ${change.memo}`);
  if (change.categoryId !== undefined) sets.push(Prisma.sql`category_id = ${change.categoryId}::uuid`);
  if (change.expiresAt !== undefined) sets.push(Prisma.sql`expires_at = ${change.expiresAt}::timestamptz`);
  if (change.isExpiryReopened) sets.push(Prisma.sql`expiry_processed_at = NULL`);
  if (change.amountMinor !== undefined) sets.push(Prisma.sql`amount_minor = ${change.amountMinor}`);
  return Prisma.sql`UPDATE store_credit SET ${Prisma.join(sets)} WHERE id = ${creditId}::uuid`;
}

/**
 * Credits of (customer, currency) that still hold spendable balance, locked. "spend" order:
 * earliest expiry first, credits without expiry last, then oldest. "newestFirst": for taking
 * balance away (set balance), the newest credits give first.
 */
export function openCreditsForUpdate(tx: DbTx, key: LedgerKey, order: "spend" | "newestFirst", now: Date) {
  return openCredits(tx, key, order, now, { forUpdate: true });
}

/** The credits with unused, unexpired balance, in the order an action takes from them; locked only with forUpdate. */
export function openCredits(db: DbTx, key: LedgerKey, order: "spend" | "newestFirst", now: Date, opts: { forUpdate: boolean }) {
  const orderBy =
    order === "spend"
      ? Prisma.sql`sc.expires_at ASC NULLS LAST, sc.created_at ASC, sc.id ASC`
      : Prisma.sql`sc.created_at DESC, sc.id DESC`;
  return db.$queryRaw<CreditRecord[]>`
    SELECT ${CREDIT_COLUMNS} FROM store_credit sc
    WHERE sc.customer_id = ${key.customerId}::uuid AND sc.currency = ${key.currency}
      AND sc.voided_at IS NULL AND sc.used_minor + sc.removed_minor < sc.amount_minor
      AND (sc.expires_at IS NULL OR sc.expires_at > ${now}::timestamptz)
    ORDER BY ${orderBy}
    ${opts.forUpdate ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
}

/** Credits of (customer, currency) past their expiry that the expiry run has not closed yet, locked. */
export const dueCreditsForUpdate = (tx: DbTx, key: LedgerKey, now: Date) =>
  tx.$queryRaw<CreditRecord[]>`
    SELECT ${CREDIT_COLUMNS} FROM store_credit sc
    WHERE sc.customer_id = ${key.customerId}::uuid AND sc.currency = ${key.currency}
      AND sc.expiry_processed_at IS NULL AND sc.expires_at <= ${now}::timestamptz
    ORDER BY sc.expires_at, sc.id
    FOR UPDATE`;

/** (customer, currency) pairs with credits due for expiry; an index range scan on (expiry_processed_at, expires_at). */
export const dueExpiryKeys = (db: DbTx, now: Date, limit: number) =>
  db.$queryRaw<{ customerId: string; currency: string }[]>`
    SELECT DISTINCT customer_id AS "customerId", currency FROM (
      SELECT customer_id, currency FROM store_credit
      WHERE expiry_processed_at IS NULL AND expires_at <= ${now}::timestamptz
      ORDER BY expires_at LIMIT ${limit}
    ) due`;

export type NewCredit = {
  id: string;
  key: LedgerKey;
  amountMinor: bigint;
  categoryId: string;
  memo: string | null;
  expiresAt: Date | null;
  paymentId: string | null;
  createdById: string | null;
};

export function creditInsertSql(c: NewCredit): Prisma.Sql {
  return Prisma.sql`INSERT INTO store_credit (id, customer_id, currency, amount_minor, category_id, memo, expires_at, payment_id, created_by_id)
    VALUES (${c.id}::uuid, ${c.key.customerId}::uuid, ${c.key.currency}, ${c.amountMinor}, ${c.categoryId}::uuid, ${c.memo},
            ${c.expiresAt}::timestamptz, ${c.paymentId}::uuid, ${c.createdById}::uuid)`;
}

export type CreditAmounts = {
  id: string;
  amountMinor: bigint;
  usedMinor: bigint;
  removedMinor: bigint;
  /** Record that expiry has closed this credit (it is past its expiry date). */
  isExpiryProcessed?: boolean;
};

/** Sets the amounts of several locked credits in one statement (absolute values, not increments). */
export function creditAmountsUpdateSql(credits: CreditAmounts[]): Prisma.Sql {
  return Prisma.sql`UPDATE store_credit sc SET amount_minor = v.amount, used_minor = v.used, removed_minor = v.removed,
      expiry_processed_at = CASE WHEN v.expired THEN coalesce(sc.expiry_processed_at, now()) ELSE sc.expiry_processed_at END,
      updated_at = now()
    FROM unnest(${credits.map((c) => c.id)}::uuid[], ${credits.map((c) => String(c.amountMinor))}::bigint[],
                ${credits.map((c) => String(c.usedMinor))}::bigint[], ${credits.map((c) => String(c.removedMinor))}::bigint[],
                ${credits.map((c) => Boolean(c.isExpiryProcessed))}::boolean[])
      AS v(id, amount, used, removed, expired)
    WHERE sc.id = v.id`;
}

/** Marks due credits as handled by the expiry run (whether or not they had anything left). */
export const markExpiryProcessedSql = (creditIds: string[]) =>
  Prisma.sql`UPDATE store_credit SET expiry_processed_at = now() WHERE id = ANY(${creditIds}::uuid[])`;

export type IssueContext = {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  currencyEnabled: boolean | null;
  categoryActive: boolean | null;
  categoryName: string | null;
  /** The store's date style for the customer's message, read in the same transaction that writes it. */
  dateStyle: string | null;
};

/** Everything issuing needs to check, as one SELECT of one row: the customer, the currency, the category (and the store's date style). */
export function issueContextSql(opts: { customerId: string; currency: string; categoryId: string }): Prisma.Sql {
  return Prisma.sql`
    SELECT c.first_name AS "firstName", c.last_name AS "lastName", c.email, c.phone,
      (SELECT is_enabled FROM store_currency WHERE code = ${opts.currency}) AS "currencyEnabled",
      (SELECT is_active FROM credit_category WHERE id = ${opts.categoryId}::uuid) AS "categoryActive",
      (SELECT name FROM credit_category WHERE id = ${opts.categoryId}::uuid) AS "categoryName",
      (SELECT date_style FROM store_setting WHERE id) AS "dateStyle"
    FROM (SELECT 1) one LEFT JOIN customer c ON c.id = ${opts.customerId}::uuid`;
}

export async function issueContext(db: DbTx, opts: { customerId: string; currency: string; categoryId: string }) {
  const [row] = await db.$queryRaw<IssueContext[]>(issueContextSql(opts));
  return row!;
}

export const findReason = async (db: DbTx, reasonId: string) =>
  (await db.$queryRaw<{ id: string; name: string; isActive: boolean }[]>`
    SELECT id, name, is_active AS "isActive" FROM adjustment_reason WHERE id = ${reasonId}::uuid`)[0] ?? null;

export const findCategory = async (db: DbTx, where: { id: string } | { key: string }) =>
  (await db.$queryRaw<{ id: string; name: string; isActive: boolean }[]>`
    SELECT id, name, is_active AS "isActive" FROM credit_category
    WHERE ${"id" in where ? Prisma.sql`id = ${where.id}::uuid` : Prisma.sql`key = ${where.key}`}`)[0] ?? null;

/**
 * The stored balance of (customer, currency) without locking it: null balance when there is none
 * yet; the flags say whether the customer and the currency exist at all.
 */
export const storedBalanceOf = async (db: DbTx, key: LedgerKey) =>
  (await db.$queryRaw<{ hasCustomer: boolean; hasCurrency: boolean; balanceMinor: bigint | null }[]>`
    SELECT EXISTS (SELECT 1 FROM customer WHERE id = ${key.customerId}::uuid) AS "hasCustomer",
           EXISTS (SELECT 1 FROM store_currency WHERE code = ${key.currency}) AS "hasCurrency",
           (SELECT balance_minor FROM credit_balance WHERE customer_id = ${key.customerId}::uuid AND currency = ${key.currency}) AS "balanceMinor"`)[0]!;

export const categoryNamesOf = async (db: DbTx, categoryIds: string[]) =>
  new Map(
    (await db.$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM credit_category WHERE id = ANY(${categoryIds}::uuid[])`).map((row) => [row.id, row.name]),
  );

export const isCurrencyEnabled = async (db: DbTx, currency: string) =>
  (await db.$queryRaw<{ is_enabled: boolean }[]>`SELECT is_enabled FROM store_currency WHERE code = ${currency}`)[0]?.is_enabled ??
  false;

// ---------------------------------------------------------------------------------------------
// Reads for the credits tab, the history and a credit's detail.

export type CreditViewRow = CreditRecord & {
  categoryName: string;
  createdByName: string | null;
  voidedByName: string | null;
};

const CREDIT_VIEW_FROM = Prisma.sql`store_credit sc
  JOIN credit_category cat ON cat.id = sc.category_id
  LEFT JOIN staff_user cb ON cb.id = sc.created_by_id
  LEFT JOIN staff_user vb ON vb.id = sc.voided_by_id`;
const CREDIT_VIEW_COLUMNS = Prisma.sql`${CREDIT_COLUMNS}, cat.name AS "categoryName", cb.name AS "createdByName", vb.name AS "voidedByName"`;

export const findCreditView = async (db: DbTx, creditId: string) =>
  (await db.$queryRaw<CreditViewRow[]>`SELECT ${CREDIT_VIEW_COLUMNS} FROM ${CREDIT_VIEW_FROM} WHERE sc.id = ${creditId}::uuid`)[0] ??
  null;

export function listCreditViews(
  db: DbTx,
  opts: { customerId: string; currency?: string; isActiveOnly: boolean; now: Date; before: { at: Date; id: string } | null; limit: number },
) {
  const conditions = [Prisma.sql`sc.customer_id = ${opts.customerId}::uuid`];
  if (opts.currency) conditions.push(Prisma.sql`sc.currency = ${opts.currency}`);
  if (opts.isActiveOnly) {
    conditions.push(Prisma.sql`sc.voided_at IS NULL AND sc.used_minor + sc.removed_minor < sc.amount_minor
      AND (sc.expires_at IS NULL OR sc.expires_at > ${opts.now}::timestamptz)`);
  }
  if (opts.before) conditions.push(Prisma.sql`(sc.created_at, sc.id) < (${opts.before.at}::timestamptz, ${opts.before.id}::uuid)`);
  return db.$queryRaw<CreditViewRow[]>`
    SELECT ${CREDIT_VIEW_COLUMNS} FROM ${CREDIT_VIEW_FROM}
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY sc.created_at DESC, sc.id DESC
    LIMIT ${opts.limit}`;
}

export type EventViewRow = {
  id: string;
  seq: bigint;
  createdAt: Date;
  type: CreditEventType;
  creditId: string;
  currency: string;
  amountMinor: bigint;
  balanceAfterMinor: bigint;
  actorId: string | null;
  actorName: string | null;
  /** The Storefront API key behind the event, when no staff member is. */
  apiKeyId: string | null;
  apiKeyName: string | null;
  reason: string | null;
  memo: string | null;
  operationId: string;
};

export type EventFilters = {
  customerId?: string;
  creditId?: string;
  currency?: string;
  types?: CreditEventType[];
  from?: Date;
  to?: Date;
  beforeSeq?: bigint;
};

/** The filters as one condition on the credit_event row named `alias` (beforeSeq included). */
function eventConditions(alias: "e" | "x", filters: EventFilters): Prisma.Sql {
  const col = (name: string) => Prisma.raw(`${alias}.${name}`);
  const conditions: Prisma.Sql[] = [];
  if (filters.customerId) conditions.push(Prisma.sql`${col("customer_id")} = ${filters.customerId}::uuid`);
  if (filters.creditId) conditions.push(Prisma.sql`${col("credit_id")} = ${filters.creditId}::uuid`);
  if (filters.currency) conditions.push(Prisma.sql`${col("currency")} = ${filters.currency}`);
  if (filters.types?.length) conditions.push(Prisma.sql`${col("type")} = ANY(${filters.types}::"CreditEventType"[])`);
  if (filters.from) conditions.push(Prisma.sql`${col("created_at")} >= ${filters.from}::timestamptz`);
  if (filters.to) conditions.push(Prisma.sql`${col("created_at")} <= ${filters.to}::timestamptz`);
  if (filters.beforeSeq !== undefined) conditions.push(Prisma.sql`${col("seq")} < ${filters.beforeSeq}`);
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

const EVENT_VIEW_COLUMNS = Prisma.sql`
  e.id, e.seq, e.created_at AS "createdAt", e.type, e.credit_id AS "creditId", e.currency,
  e.amount_minor AS "amountMinor", e.balance_after_minor AS "balanceAfterMinor", e.actor_id AS "actorId",
  s.name AS "actorName", e.api_key_id AS "apiKeyId", k.name AS "apiKeyName", e.reason, e.memo, e.operation_id AS "operationId"`;

/** Newest first, keyset on seq (the ledger's own order). */
export function listEventViews(db: DbTx, filters: EventFilters, limit: number) {
  return db.$queryRaw<EventViewRow[]>`
    SELECT ${EVENT_VIEW_COLUMNS}
    FROM credit_event e LEFT JOIN staff_user s ON s.id = e.actor_id LEFT JOIN api_key k ON k.id = e.api_key_id
    WHERE ${eventConditions("e", filters)}
    ORDER BY e.seq DESC
    LIMIT ${limit}`;
}

/**
 * The events of the newest `limit` operations that have events matching `filters`, newest
 * operation first and, within one, in ledger order. An operation is keyed by its head: its newest
 * matching event (`headSeq`), so `beforeSeq` pages whole operations and never splits one. The
 * heads are walked down the (customer, seq) index and stop at `limit`.
 */
export function listOperationEventViews(db: DbTx, filters: EventFilters, limit: number) {
  const { beforeSeq: _pageStart, ...sameOperation } = filters;
  return db.$queryRaw<(EventViewRow & { headSeq: bigint })[]>`
    WITH heads AS (
      SELECT e.operation_id, e.seq FROM credit_event e
      WHERE ${eventConditions("e", filters)}
        AND NOT EXISTS (
          SELECT 1 FROM credit_event x
          WHERE x.operation_id = e.operation_id AND x.seq > e.seq AND ${eventConditions("x", sameOperation)})
      ORDER BY e.seq DESC
      LIMIT ${limit}
    )
    SELECT ${EVENT_VIEW_COLUMNS}, h.seq AS "headSeq"
    FROM heads h
      JOIN credit_event e ON e.operation_id = h.operation_id
      LEFT JOIN staff_user s ON s.id = e.actor_id LEFT JOIN api_key k ON k.id = e.api_key_id
    WHERE ${eventConditions("e", sameOperation)}
    ORDER BY h.seq DESC, e.seq`;
}

/** Every event of these operations, in ledger order (a credit page's operations in full). */
export function listEventViewsOfOperations(db: DbTx, operationIds: string[]) {
  return db.$queryRaw<EventViewRow[]>`
    SELECT ${EVENT_VIEW_COLUMNS}
    FROM credit_event e LEFT JOIN staff_user s ON s.id = e.actor_id LEFT JOIN api_key k ON k.id = e.api_key_id
    WHERE e.operation_id = ANY(${operationIds}::uuid[])
    ORDER BY e.seq`;
}

/** Per currency: the balance (the ledger's sum) and what open holds set aside from it. */
export const balancesOf = (db: DbTx, customerId: string) =>
  db.$queryRaw<{ currency: string; balanceMinor: bigint; heldMinor: bigint }[]>`
    SELECT b.currency, b.balance_minor AS "balanceMinor", b.held_minor AS "heldMinor"
    FROM credit_balance b JOIN store_currency sc ON sc.code = b.currency
    WHERE b.customer_id = ${customerId}::uuid
    ORDER BY sc.position, b.currency`;

export type SpendLine = { creditId: string; customerId: string; currency: string; spentMinor: bigint; reversedMinor: bigint };

/** Per credit, what a spend took and what has been given back since, in spending order. */
export function spendLinesOf(db: DbTx, spendOperationId: string) {
  return db.$queryRaw<SpendLine[]>`
    SELECT u.credit_id AS "creditId", u.customer_id AS "customerId", u.currency, -u.amount_minor AS "spentMinor",
      coalesce((SELECT sum(r.amount_minor) FROM credit_event r
                WHERE r.reversed_operation_id = u.operation_id AND r.credit_id = u.credit_id AND r.type = 'USE_REVERSED'), 0)::bigint
        AS "reversedMinor"
    FROM credit_event u
    WHERE u.operation_id = ${spendOperationId}::uuid AND u.type = 'USED'
    ORDER BY u.seq`;
}

export type BalancePoint = { currency: string; at: Date; balanceMinor: bigint };

/** The customer's balance after each of their newest `limit` credit events, oldest first (credit_event_customer_seq_idx). */
export const balancePointsOf = (db: DbTx, customerId: string, limit: number) => db.$queryRaw<BalancePoint[]>`
  SELECT x.currency, x.at, x."balanceMinor" FROM (
    SELECT e.currency::text AS "currency", e.created_at AS "at", e.balance_after_minor AS "balanceMinor", e.seq
    FROM credit_event e WHERE e.customer_id = ${customerId}::uuid ORDER BY e.seq DESC LIMIT ${limit}
  ) x ORDER BY x.seq`;
