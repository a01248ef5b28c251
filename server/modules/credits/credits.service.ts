// The credits module's entry point (credits.router.ts calls only this). Reads here: a customer's
// credits (Store credits tab), the credit history with its CSV export, and one credit's detail with
// what the caller may do to it. Each money action is a verb file behind it (issue-credit.ts, ...).
import "server-only";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { collectCsvPages, csvCell } from "@/server/lib/csv";
import { createdAtPosition, cursorPage, seqCursor, timeIdCursor } from "@/server/lib/pager";
import { toDecimalString } from "@/server/lib/money";
import {
  balancePointsOf,
  findCreditView,
  listCreditViews,
  listEventViews,
  listEventViewsOfOperations,
  listOperationEventViews,
  remainingOf,
  type CreditViewRow,
  type EventFilters,
  type EventViewRow,
} from "./credits.repo";
export { issueCredit } from "./issue-credit";
export { sendCredits } from "./send-credits";
export { setBalance } from "./set-balance";
export { previewSetBalance } from "./set-balance-preview";
export { updateCredit } from "./update-credit";
export { voidCredit } from "./void-credit";

import { CREDIT_EVENT_LABELS, type CreditHistoryCsvInput, type CreditHistoryInput, type CreditListInput, type CreditStatus } from "./credits.schema";


export function creditStatusOf(credit: CreditViewRow, now: Date): CreditStatus {
  if (credit.voidedAt) return "VOIDED";
  const isPastExpiry = credit.expiresAt !== null && credit.expiresAt <= now;
  if (isPastExpiry && (remainingOf(credit) > 0n || credit.removedMinor > 0n)) return "EXPIRED";
  return remainingOf(credit) > 0n ? "ACTIVE" : "DEPLETED";
}

function creditView(row: CreditViewRow, now: Date) {
  return {
    id: row.id,
    customerId: row.customerId,
    currency: row.currency,
    amountMinor: row.amountMinor,
    usedMinor: row.usedMinor,
    /** Taken away by deletion or expiry. */
    removedMinor: row.removedMinor,
    remainingMinor: remainingOf(row),
    status: creditStatusOf(row, now),
    category: { id: row.categoryId, name: row.categoryName },
    memo: row.memo,
    expiresAt: row.expiresAt,
    paymentId: row.paymentId,
    createdAt: row.createdAt,
    createdBy: row.createdById ? { id: row.createdById, name: row.createdByName ?? "Former staff member" } : null,
    voidedAt: row.voidedAt,
    voidedBy: row.voidedById ? { id: row.voidedById, name: row.voidedByName ?? "Former staff member" } : null,
    voidReason: row.voidReason,
  };
}
export type CreditView = ReturnType<typeof creditView>;

function eventView(row: EventViewRow) {
  return {
    id: row.id,
    createdAt: row.createdAt,
    type: row.type,
    typeLabel: CREDIT_EVENT_LABELS[row.type],
    creditId: row.creditId,
    currency: row.currency,
    /** Signed: what the event added to or took from the balance. */
    amountMinor: row.amountMinor,
    balanceAfterMinor: row.balanceAfterMinor,
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? "Former staff member" } : null,
    /** "System" for expiry; the API key's name for Storefront API calls. */
    actorName: row.actorId ? (row.actorName ?? "Former staff member") : row.apiKeyId ? `API key “${row.apiKeyName ?? "deleted"}”` : "System",
    apiKey: row.apiKeyId ? { id: row.apiKeyId, name: row.apiKeyName ?? "" } : null,
    reason: row.reason,
    memo: row.memo,
    operationId: row.operationId,
  };
}
export type CreditEventView = ReturnType<typeof eventView>;

/**
 * One operation (a set-balance, a spend, an expiry run…) as one history line: the total it moved
 * and the balance it left, with one event per credit it touched (`events`, in ledger order).
 */
function operationView(events: [EventViewRow, ...EventViewRow[]]) {
  const head = eventView(events[events.length - 1]!);
  return {
    operationId: head.operationId,
    createdAt: head.createdAt,
    type: head.type,
    typeLabel: head.typeLabel,
    currency: head.currency,
    amountMinor: events.reduce((sum, e) => sum + e.amountMinor, 0n),
    balanceAfterMinor: head.balanceAfterMinor,
    actor: head.actor,
    actorName: head.actorName,
    reason: head.reason,
    memo: head.memo,
    events: events.map(eventView),
  };
}
export type CreditOperationView = ReturnType<typeof operationView>;

/** Consecutive rows of one operation together, in the order the rows came. */
function groupByOperation<T extends EventViewRow>(rows: T[]): [T, ...T[]][] {
  const groups: [T, ...T[]][] = [];
  for (const row of rows) {
    const group = groups.at(-1);
    if (group && group[0].operationId === row.operationId) group.push(row);
    else groups.push([row]);
  }
  return groups;
}

/** Whole operations (their events grouped), newest first, before `beforeSeq`; placed by their head (newest event). */
const operationGroups =
  (db: ServiceContext["db"], filters: EventFilters) =>
  async (beforeSeq: bigint | null, limit: number) =>
    groupByOperation(await listOperationEventViews(db, { ...filters, beforeSeq: beforeSeq ?? undefined }, limit));
const headSeqOf = (group: [EventViewRow & { headSeq: bigint }, ...EventViewRow[]]) => group[0].headSeq;

/** A customer's credits, newest first, keyset-paged on (createdAt, id). */
export async function listCredits({ db }: ServiceContext, input: CreditListInput) {
  const now = new Date();
  const { items, nextCursor } = await cursorPage({
    cursor: input.cursor,
    limit: input.limit,
    codec: timeIdCursor,
    fetch: (before, limit) =>
      listCreditViews(db, { customerId: input.customerId, currency: input.currency, isActiveOnly: input.status === "ACTIVE", now, before, limit }),
    positionOf: createdAtPosition,
  });
  return { items: items.map((row) => creditView(row, now)), nextCursor };
}

function historyFilters(input: CreditHistoryCsvInput): EventFilters {
  return { customerId: input.customerId, currency: input.currency, types: input.types, from: input.from, to: input.to };
}

/**
 * A customer's history, one line per operation, newest first, filtered by currency, type and date
 * range; keyset-paged by whole operations.
 */
export async function getCreditHistory({ db }: Pick<ServiceContext, "db">, input: CreditHistoryInput) {
  const { items, nextCursor } = await cursorPage({
    cursor: input.cursor,
    limit: input.limit,
    codec: seqCursor,
    fetch: operationGroups(db, historyFilters(input)),
    positionOf: headSeqOf,
  });
  return { items: items.map(operationView), nextCursor };
}

const CSV_HEADER = ["Date (UTC)", "Type", "Currency", "Amount", "Balance after", "Actor", "Reason", "Memo", "Credits", "Operation ID"];

/**
 * One row per operation, as the history tab shows it: Amount is the operation's total (what the
 * balance moved), and Credits lists each credit it touched with its part ("<credit id> -15.00"),
 * separated by "; ", so the rows add up to the balance and the split is still there to check.
 */
function csvLine(operation: CreditOperationView): string {
  const part = (e: CreditEventView) => `${e.creditId} ${toDecimalString(e.amountMinor, e.currency)}`;
  return [
    csvCell(operation.createdAt.toISOString()),
    csvCell(operation.typeLabel),
    csvCell(operation.currency),
    csvCell(toDecimalString(operation.amountMinor, operation.currency)),
    csvCell(toDecimalString(operation.balanceAfterMinor, operation.currency)),
    csvCell(operation.actorName, { isText: true }),
    csvCell(operation.reason ?? "", { isText: true }),
    csvCell(operation.memo ?? "", { isText: true }),
    csvCell(operation.events.map(part).join("; ")),
    csvCell(operation.operationId),
  ].join(",");
}

/** The filtered history as CSV text (at most MAX_CSV_ROWS operations, newest first), read in pages. */
export async function getCreditHistoryCsv({ db }: ServiceContext, input: CreditHistoryCsvInput) {
  const { csv, rowCount, isTruncated } = await collectCsvPages({
    header: CSV_HEADER,
    page: operationGroups(db, historyFilters(input)),
    positionOf: headSeqOf,
    line: (group) => csvLine(operationView(group)),
  });
  const day = new Date().toISOString().slice(0, 10);
  return { filename: `credit-history-${input.customerId.slice(0, 8)}-${day}.csv`, csv, rowCount, isTruncated };
}

/** How many of a credit's events its detail shows; older ones are in the customer's history. */
const DETAIL_EVENTS = 100;

/**
 * A credit, the operations that touched it (newest first, each with every credit it touched, so
 * the page can show "−$8.00 of −$23.00 across 2 credits") and what the caller may do to it now.
 */
/** How many of the customer's newest events the balance-over-time chart draws. */
const BALANCE_POINTS = 500;

/** The customer's balance over time per currency: the balance after each of their newest events. */
export async function getBalanceHistory({ db }: ServiceContext, customerId: string) {
  const points = await balancePointsOf(db, customerId, BALANCE_POINTS);
  const currencies = [...new Set(points.map((p) => p.currency))].sort();
  return { currencies: currencies.map((currency) => ({ currency, points: points.filter((p) => p.currency === currency).map(({ at, balanceMinor }) => ({ at, balanceMinor })) })), isTruncated: points.length === BALANCE_POINTS };
}

export async function getCreditDetail({ db, actor }: ServiceContext, creditId: string) {
  const [row, events] = await Promise.all([findCreditView(db, creditId), listEventViews(db, { creditId }, DETAIL_EVENTS + 1)]);
  if (!row) throw new AppError("NOT_FOUND", "This store credit does not exist");
  const shown = events.slice(0, DETAIL_EVENTS);
  const operationEvents = await listEventViewsOfOperations(db, [...new Set(shown.map((e) => e.operationId))]);
  const byOperation = new Map(groupByOperation(operationEvents.toSorted((a, b) => a.operationId.localeCompare(b.operationId) || Number(a.seq - b.seq))).map((g) => [g[0].operationId, g]));
  const now = new Date();
  const credit = creditView(row, now);
  const isOpen = credit.voidedAt === null;
  return {
    credit,
    operations: shown.map((e) => operationView(byOperation.get(e.operationId) ?? [e])),
    hasMoreEvents: events.length > DETAIL_EVENTS,
    can: {
      /** Memo, category, expiry and amount (the amount needs a reason). */
      edit: isOpen && actor.permissions.includes("credits:edit"),
      /** Delete the unused balance. */
      void: isOpen && credit.remainingMinor > 0n && actor.permissions.includes("credits:void"),
    },
  };
}
