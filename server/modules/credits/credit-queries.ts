// Reads: a customer's credits (Store credits tab), the credit history with its CSV export, and one
// credit's detail with what the caller may do to it.
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { decodeSeqCursor, decodeTimeIdCursor, encodeSeqCursor, encodeTimeIdCursor } from "@/server/lib/cursor";
import { CSV_PAGE, MAX_CSV_ROWS, csvCell, csvText } from "@/server/lib/csv";
import { toDecimalString } from "@/server/lib/money";
import { findCreditView, listCreditViews, listEventViews, remainingOf, type CreditViewRow, type EventFilters, type EventViewRow } from "./credits.repo";
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
    /** "System" for expiry and storefront spends. */
    actorName: row.actorId ? (row.actorName ?? "Former staff member") : "System",
    reason: row.reason,
    memo: row.memo,
    operationId: row.operationId,
  };
}
export type CreditEventView = ReturnType<typeof eventView>;

/** A customer's credits, newest first, keyset-paged on (createdAt, id). */
export async function listCredits({ db }: ServiceContext, input: CreditListInput) {
  const before = decodeTimeIdCursor(input.cursor);
  const now = new Date();
  const rows = await listCreditViews(db, {
    customerId: input.customerId,
    currency: input.currency,
    isActiveOnly: input.status === "ACTIVE",
    now,
    before,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => creditView(row, now)),
    nextCursor: rows.length > input.limit && last ? encodeTimeIdCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

function historyFilters(input: CreditHistoryCsvInput): EventFilters {
  return { customerId: input.customerId, currency: input.currency, types: input.types, from: input.from, to: input.to };
}

/** Every event of a customer, newest first, filtered by currency, type and date range; keyset-paged. */
export async function getCreditHistory({ db }: ServiceContext, input: CreditHistoryInput) {
  const beforeSeq = decodeSeqCursor(input.cursor) ?? undefined;
  const rows = await listEventViews(db, { ...historyFilters(input), beforeSeq }, input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(eventView),
    nextCursor: rows.length > input.limit && last ? encodeSeqCursor(last.seq) : null,
  };
}

const CSV_HEADER = ["Date (UTC)", "Type", "Currency", "Amount", "Balance after", "Actor", "Reason", "Memo", "Credit ID", "Operation ID"];

/** The filtered history as CSV text (at most MAX_CSV_ROWS rows, newest first), read in pages. */
export async function getCreditHistoryCsv({ db }: ServiceContext, input: CreditHistoryCsvInput) {
  const filters = historyFilters(input);
  const lines = [CSV_HEADER.join(",")];
  let beforeSeq: bigint | undefined;
  let rowCount = 0;
  let isTruncated = false;
  for (;;) {
    const rows = await listEventViews(db, { ...filters, beforeSeq }, Math.min(CSV_PAGE, MAX_CSV_ROWS - rowCount + 1));
    for (const row of rows) {
      if (rowCount === MAX_CSV_ROWS) {
        isTruncated = true;
        break;
      }
      const event = eventView(row);
      lines.push(
        [
          csvCell(event.createdAt.toISOString()),
          csvCell(event.typeLabel),
          csvCell(event.currency),
          csvCell(toDecimalString(event.amountMinor, event.currency)),
          csvCell(toDecimalString(event.balanceAfterMinor, event.currency)),
          csvCell(event.actorName, { isText: true }),
          csvCell(event.reason ?? "", { isText: true }),
          csvCell(event.memo ?? "", { isText: true }),
          csvCell(event.creditId),
          csvCell(event.operationId),
        ].join(","),
      );
      rowCount += 1;
    }
    const last = rows.at(-1);
    if (isTruncated || rows.length < CSV_PAGE || !last) break;
    beforeSeq = last.seq;
  }
  const day = new Date().toISOString().slice(0, 10);
  return {
    filename: `credit-history-${input.customerId.slice(0, 8)}-${day}.csv`,
    csv: csvText(lines),
    rowCount,
    isTruncated,
  };
}

/** How many of a credit's events its detail shows; older ones are in the customer's history. */
const DETAIL_EVENTS = 100;

/** A credit, its events (newest first) and what the caller may do to it now. */
export async function getCreditDetail({ db, actor }: ServiceContext, creditId: string) {
  const [row, events] = await Promise.all([findCreditView(db, creditId), listEventViews(db, { creditId }, DETAIL_EVENTS + 1)]);
  if (!row) throw new AppError("NOT_FOUND", "No credit with this id");
  const now = new Date();
  const credit = creditView(row, now);
  const isOpen = credit.voidedAt === null;
  return {
    credit,
    events: events.slice(0, DETAIL_EVENTS).map(eventView),
    hasMoreEvents: events.length > DETAIL_EVENTS,
    can: {
      /** Memo, category, expiry and amount (the amount needs a reason). */
      edit: isOpen && actor.permissions.includes("credits:edit"),
      /** Delete the unused balance. */
      void: isOpen && credit.remainingMinor > 0n && actor.permissions.includes("credits:void"),
    },
  };
}
