import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { decodeCursor, encodeCursor } from "@/server/lib/cursor";
import { findCustomerById, searchCustomerRows } from "./customers.repo";
import type { CustomerSearchInput } from "./customers.schema";
import type { SegmentCursor } from "./search/keyset-segments";
import { planCustomerSearch } from "./search/search-plan";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toCursor(raw: string | null | undefined): SegmentCursor | null {
  if (!raw) return null;
  const { s, v, i, t } = decodeCursor(raw);
  if (typeof s !== "number" || typeof v !== "string" || typeof i !== "string" || !UUID.test(i) || (t !== "next" && t !== "prev")) {
    throw new AppError("BAD_INPUT", "This page link is no longer valid; start from the first page", "cursor");
  }
  return { segment: s, value: v, id: i, towards: t };
}

const fromCursor = (cursor: SegmentCursor | null) =>
  cursor ? encodeCursor({ s: cursor.segment, v: cursor.value, i: cursor.id, t: cursor.towards }) : null;

/** One page of customers matching the search box, ranked or sorted, with next/previous cursors. */
export async function searchCustomers({ db }: ServiceContext, input: CustomerSearchInput) {
  const plan = planCustomerSearch(input.query, input.sort, input.direction);
  const cursor = toCursor(input.cursor);
  if (cursor && cursor.segment >= plan.segments.length) {
    throw new AppError("BAD_INPUT", "This page link does not belong to this search", "cursor");
  }
  const page = await searchCustomerRows(db, plan, cursor, input.limit);
  return {
    items: page.rows.map(({ sort_value: _sortValue, segment: _segment, ...customer }) => customer),
    nextCursor: fromCursor(page.next),
    prevCursor: fromCursor(page.prev),
  };
}

/** The customer, or NOT_FOUND for unknown and malformed ids alike (no hint which it was). */
export async function getCustomerOrThrow({ db }: ServiceContext, customerId: string) {
  const customer = UUID.test(customerId) ? await findCustomerById(db, customerId.toLowerCase()) : null;
  if (!customer) throw new AppError("NOT_FOUND", "No customer with this id");
  return customer;
}
