// The one keyset pager: every list asks for one row more than it shows, so it knows whether a
// next page exists without counting, and hands out the last shown row's position as the cursor.
// The CSV pager (collectCsvPages in csv.ts) reads whole lists with the same function.
import { decodeSeqCursor, decodeTimeIdCursor, encodeSeqCursor, encodeTimeIdCursor, type TimeIdPosition } from "./cursor";

/** `fetch(after, limit)`: up to `limit` rows after `after` (null: from the start), in list order. */
export type PageFetch<Row, Position> = (after: Position | null, limit: number) => Promise<Row[]>;

/** One page of `limit` rows after `after`, and the position to read the next page after (null at the end). */
export async function readKeysetPage<Row, Position>(opts: {
  after: Position | null;
  limit: number;
  fetch: PageFetch<Row, Position>;
  positionOf: (row: Row) => Position;
}): Promise<{ rows: Row[]; next: Position | null }> {
  const fetched = await opts.fetch(opts.after, opts.limit + 1);
  const rows = fetched.slice(0, opts.limit);
  const last = rows.at(-1);
  return { rows, next: fetched.length > opts.limit && last !== undefined ? opts.positionOf(last) : null };
}

/** How a list's position travels as an opaque cursor string (see cursor.ts). */
export type CursorCodec<Position> = { decode: (cursor: string | null | undefined) => Position | null; encode: (position: Position) => string };

export const timeIdCursor: CursorCodec<TimeIdPosition> = { decode: decodeTimeIdCursor, encode: encodeTimeIdCursor };
export const seqCursor: CursorCodec<bigint> = { decode: decodeSeqCursor, encode: encodeSeqCursor };

/** The usual position: a row's (createdAt, id). */
export const createdAtPosition = (row: { createdAt: Date; id: string }): TimeIdPosition => ({ at: row.createdAt, id: row.id });

/**
 * A list page as procedures answer it: the rows after the client's cursor and the next page's
 * cursor. A cursor this list did not make is refused (BAD_INPUT on "cursor") before any query.
 */
export async function cursorPage<Row, Position>(opts: {
  cursor: string | null | undefined;
  limit: number;
  codec: CursorCodec<Position>;
  fetch: PageFetch<Row, Position>;
  positionOf: (row: Row) => Position;
}): Promise<{ items: Row[]; nextCursor: string | null }> {
  const { rows, next } = await readKeysetPage({ after: opts.codec.decode(opts.cursor), limit: opts.limit, fetch: opts.fetch, positionOf: opts.positionOf });
  return { items: rows, nextCursor: next === null ? null : opts.codec.encode(next) };
}
