import "server-only";
import { z } from "zod";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { CursorField, encodeCursor, invalidCursor, readCursor } from "@/server/lib/cursor";
import { sortByCurrency } from "@/server/lib/money";
import { balancesOf } from "@/server/modules/credits/credits.repo";
import { spendableOf } from "@/server/modules/credits/ledger";
import { paymentTotalsOf } from "@/server/modules/payments/payments.repo";
import { findMainCurrency } from "@/server/modules/settings/settings.repo";
import { findCustomerByEmail, findCustomerByExternalId, findCustomerById, positiveSpendableBalancesOf, searchCustomerRows } from "./customers.repo";
import type { CustomerSearchInput, CustomerSort } from "./customers.schema";
import type { SegmentCursor } from "./search/keyset-segments";
import { planCustomerSearch, sortValueType } from "./search/search-plan";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SearchMode = "literal" | "similar";
type SearchCursor = SegmentCursor & { mode: SearchMode };

/** The sort value is read as its column's type (a time, or text), so no crafted value reaches the SQL cast. */
function toCursor(raw: string | null | undefined, sort: CustomerSort): SearchCursor | null {
  if (!raw) return null;
  const { s, v, i, t, m } = readCursor(raw, {
    s: CursorField.index,
    v: sortValueType(sort) === "timestamptz" ? CursorField.time.transform((at) => at.toISOString()) : CursorField.text,
    i: CursorField.uuid,
    t: z.enum(["next", "prev"]),
    m: z.enum(["literal", "similar"]),
  });
  return { segment: s, value: v, id: i, towards: t, mode: m };
}

const fromCursor = (cursor: SegmentCursor | null, mode: SearchMode) =>
  cursor ? encodeCursor({ s: cursor.segment, v: cursor.value, i: cursor.id, t: cursor.towards, m: mode }) : null;

async function searchPage(db: ServiceContext["db"], input: CustomerSearchInput, mode: SearchMode, cursor: SearchCursor | null) {
  const plan = planCustomerSearch(input.query, input.sort, input.direction, mode);
  if (cursor && cursor.segment >= plan.segments.length) throw invalidCursor();
  return searchCustomerRows(db, plan, cursor, input.limit);
}

/**
 * One page of customers matching the search box, ranked or sorted, with next/previous cursors.
 * When nothing matches literally, the first page falls back to typo-similar names and says so.
 */
export async function searchCustomers({ db, actor }: ServiceContext, input: CustomerSearchInput) {
  const cursor = toCursor(input.cursor, input.sort);
  let mode: SearchMode = cursor?.mode ?? "literal";
  let page = await searchPage(db, input, mode, cursor);
  if (!cursor && page.rows.length === 0 && input.sort === "relevance" && input.query.trim() !== "") {
    mode = "similar";
    page = await searchPage(db, input, mode, null);
  }
  // One indexed lookup for the page's customers; roles that cannot read credits get no balances.
  // A balance shown is what can be spent: less what open holds set aside.
  const [balances, mainCurrency] = actor.permissions.includes("credits:read")
    ? await Promise.all([positiveSpendableBalancesOf(db, page.rows.map((row) => row.id)), findMainCurrency(db)])
    : [[], null];
  return {
    items: page.rows.map(({ sort_value: _sortValue, segment: _segment, ...customer }) => ({
      ...customer,
      balances: sortByCurrency(
        balances.filter((b) => b.customerId === customer.id).map(({ currency, spendableMinor }) => ({ currency, amountMinor: spendableMinor })),
        mainCurrency,
      ),
    })),
    isSimilarMatches: mode === "similar",
    nextCursor: fromCursor(page.next, mode),
    prevCursor: fromCursor(page.prev, mode),
  };
}

export { upsertCustomer } from "./upsert-customer";

/** The customer, or NOT_FOUND for unknown and malformed ids alike (no hint which it was). */
export async function getCustomerOrThrow({ db }: Pick<ServiceContext, "db">, customerId: string) {
  const customer = UUID.test(customerId) ? await findCustomerById(db, customerId.toLowerCase()) : null;
  if (!customer) throw new AppError("NOT_FOUND", "This customer does not exist");
  return customer;
}

/**
 * The profile's analytics cards: store credit balance, lifetime paid, payment count and total
 * refunded, per currency. Each part is null when the caller's role may not read it.
 */
export async function getCustomerSummary(ctx: ServiceContext, customerId: string) {
  const customer = await getCustomerOrThrow(ctx, customerId);
  const canReadCredits = ctx.actor.permissions.includes("credits:read");
  const canReadPayments = ctx.actor.permissions.includes("payments:read");
  const [balances, payments, mainCurrency] = await Promise.all([
    canReadCredits ? balancesOf(ctx.db, customer.id) : null,
    canReadPayments ? paymentTotalsOf(ctx.db, customer.id) : null,
    findMainCurrency(ctx.db),
  ]);
  // Every list of amounts in the one order: the main currency first, then by code.
  const inOrder = <T extends { currency: string }>(items: T[]) => sortByCurrency(items, mainCurrency);
  return {
    customerId: customer.id,
    /**
     * Every currency the customer ever had credit in, zero balances included. amountMinor is what
     * can be spent (the balance less open holds); totalMinor the balance, heldMinor what holds set aside.
     */
    balances: balances
      ? inOrder(
          balances.map((b) => ({
            currency: b.currency,
            amountMinor: spendableOf(b.balanceMinor, b.heldMinor),
            totalMinor: b.balanceMinor,
            heldMinor: b.heldMinor,
          })),
        )
      : null,
    payments: payments
      ? {
          count: payments.reduce((sum, p) => sum + Number(p.payments), 0),
          lifetimePaid: inOrder(payments.map((p) => ({ currency: p.currency, amountMinor: p.paidMinor }))),
          totalRefunded: inOrder(payments.filter((p) => p.refundedMinor > 0n).map((p) => ({ currency: p.currency, amountMinor: p.refundedMinor }))),
        }
      : null,
  };
}

/** By the shop's own id (Storefront API), or NOT_FOUND. */
export async function getCustomerByExternalIdOrThrow({ db }: Pick<ServiceContext, "db">, externalId: string) {
  const customer = await findCustomerByExternalId(db, externalId);
  if (!customer) throw new AppError("NOT_FOUND", "No customer has this external id", "externalId");
  return customer;
}

/** By email (compared lower-case), or NOT_FOUND. */
export async function getCustomerByEmailOrThrow({ db }: Pick<ServiceContext, "db">, email: string) {
  const customer = await findCustomerByEmail(db, email);
  if (!customer) throw new AppError("NOT_FOUND", "No customer has this email", "email");
  return customer;
}

/** Every currency the customer has a balance row in, in the store's currency order. */
export async function getCustomerBalances(ctx: Pick<ServiceContext, "db">, customerId: string) {
  const customer = await getCustomerOrThrow(ctx, customerId);
  return { customerId: customer.id, balances: await balancesOf(ctx.db, customer.id) };
}
