import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";

/**
 * Keyset pagination over ranked tiers ("segments"): rows of segment 0 come first, then segment 1,
 * and so on; inside a segment rows follow (orderColumn, id). A cursor is (segment, value, id), so
 * next and previous pages are index range scans however deep the reader goes. Each segment
 * excludes the ones before it, so a row appears exactly once.
 *
 * No statement here may depend on the planner's row estimates to stay fast (a freshly loaded
 * table has none): each segment says how its rows are found, and every shape reads a bounded
 * number of rows or only the rows that match (see `SearchSegment`).
 */
export type KeysetOrder = {
  column: Prisma.Sql;
  /** The column's bare name (what a walk reads from the order's index). */
  name: string;
  /**
   * Rows a "walk" reads along the order's index before it falls back to collecting the matches.
   * WALK_BUDGET where the index carries the walk's columns (index-only, ~1 ms per 1,500 rows once
   * the visibility map is set), else HEAP_WALK_BUDGET (each row a heap fetch).
   */
  walkBudget: number;
  valueType: "text" | "timestamptz";
  direction: "asc" | "desc";
};

/** An index range that yields rows in the order's own order (an index on (range key…, order column, id)). */
export type OrderedStream = {
  /** The index range: every row in it is read in order. */
  range: Prisma.Sql;
  /** What a row of the range must also satisfy; null when every row of the range matches. */
  filter: Prisma.Sql | null;
  /** The stream's matches found through indexes (trigram), for when the filter rejects too many. */
  lookup: Prisma.Sql;
};

/**
 * How a segment's rows are found:
 * - "all": every row; walk the order's index.
 * - "lookup": few rows, found through indexes (ids, exact values, trigrams); collect, then sort.
 * - "walk": possibly many rows: walk the order's index for at most WALK_BUDGET rows; if that
 *   does not fill the page, the matches are sparse, so collect them through indexes instead.
 * - "streams": rows are the union of ordered streams (name prefixes: the last name's range on
 *   the name index, first-name and email prefixes on their (prefix, name) indexes, plus a small
 *   lookup); each stream reads at most a page (or a bounded walk), then they are merged.
 */
export type SearchSegment =
  | { kind: "all" }
  | { kind: "lookup"; match: Prisma.Sql }
  | { kind: "walk"; match: Prisma.Sql }
  | { kind: "streams"; match: Prisma.Sql; streams: OrderedStream[]; lookups: Prisma.Sql[] };

/**
 * Rows a "walk" reads along a covering index (customer_sort_name_id_idx INCLUDEs the walk's
 * columns) before it falls back to collecting the matches: enough to fill a page when one row in
 * ~300 matches (collecting 3,000 or more matches costs far more than walking), a few milliseconds
 * index-only. Without a visibility map (a fresh load before any VACUUM) each row is a heap fetch:
 * then it still stays well under the max target.
 */
export const WALK_BUDGET = 8_000;
/** The same along an index without the walk's columns, where each row is a heap fetch. */
export const HEAP_WALK_BUDGET = 1_500;
/** The same inside a stream's index range (a two-letter prefix), where matches are denser. */
export const STREAM_WALK_BUDGET = 400;

export type SegmentCursor = { segment: number; value: string; id: string; towards: "next" | "prev" };

type Row = { id: string; sort_value: string | Date };
export type KeysetPage<T> = { rows: (T & { segment: number })[]; next: SegmentCursor | null; prev: SegmentCursor | null };

type Options = {
  from: Prisma.Sql;
  select: Prisma.Sql;
  segments: SearchSegment[];
  order: KeysetOrder;
  /**
   * The columns every match and range reads (besides the order column): a walk reads only these
   * along the order's index, which carries them (INCLUDE), so it is an index-only scan, and
   * fetches the full rows of its page's matches alone.
   */
  walkColumns: string[];
  cursor: SegmentCursor | null;
  limit: number;
};

export const segmentMatch = (segment: SearchSegment) => (segment.kind === "all" ? Prisma.sql`TRUE` : segment.match);

// Exclusions must treat NULL as "did not match"; the segment's own predicate stays bare so the
// planner can use its indexes (wrapping it in IS TRUE hides them).
const isNotTrue = (predicate: Prisma.Sql) => Prisma.sql`NOT COALESCE((${predicate}), FALSE)`;

export async function keysetPage<T extends Row>(db: DbTx, opts: Options): Promise<KeysetPage<T>> {
  const { cursor, limit, order } = opts;
  const backwards = cursor?.towards === "prev";
  // Walking backwards reads each segment in reverse order, then flips the page.
  const ascending = (order.direction === "asc") !== backwards;
  const dir = Prisma.raw(ascending ? "ASC" : "DESC");
  const cmp = Prisma.raw(ascending ? ">" : "<");
  const cast = Prisma.raw(order.valueType);
  const orderBy = Prisma.sql`ORDER BY ${order.column} ${dir}, c.id ${dir}`;
  const selectFrom = Prisma.sql`SELECT ${opts.select}, ${order.column} AS sort_value FROM ${opts.from}`;
  const walkColumns = Prisma.raw([...new Set(["id", order.name, ...opts.walkColumns])].map((column) => `c.${column}`).join(", "));
  const and = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`);

  const indexes = opts.segments.map((_, i) => i);
  const start = cursor?.segment ?? 0;
  const walk = backwards ? indexes.filter((i) => i <= start).reverse() : indexes.filter((i) => i >= start);

  const collected: (T & { segment: number })[] = [];
  for (const index of walk) {
    const want = limit + 1 - collected.length;
    if (want <= 0) break;
    const segment = opts.segments[index]!;
    // Where the page starts (the cursor), and the earlier segments' rows, which this one leaves out.
    const after = cursor && index === cursor.segment ? [Prisma.sql`(${order.column}, c.id) ${cmp} (${cursor.value}::${cast}, ${cursor.id}::uuid)`] : [];
    const notEarlier = opts.segments.slice(0, index).map((s) => isNotTrue(segmentMatch(s)));
    const where = (conditions: Prisma.Sql[]) => and([...conditions, ...notEarlier, ...after]);
    // Collecting first (a materialised CTE) keeps the planner from walking the sort index and
    // filtering, which is slow whenever the matches sit far along the sort order.
    const collect = (match: Prisma.Sql) => Prisma.sql`${selectFrom} WHERE ${where([Prisma.sql`(${match})`])}`;
    // The first `want` matching rows among at most `budget` rows along the order (within `range`).
    const boundedWalk = (range: Prisma.Sql, match: Prisma.Sql, budget: number) => Prisma.sql`
      SELECT ${opts.select}, ${order.column} AS sort_value
      FROM ${opts.from} JOIN (
        SELECT c.id FROM (SELECT ${walkColumns} FROM ${opts.from} WHERE ${and([range, ...after])} ${orderBy} LIMIT ${budget}) c
        WHERE (${match}) AND ${and(notEarlier)} ${orderBy} LIMIT ${want}
      ) page ON page.id = c.id`;
    // A walk that did not fill the page met sparse matches: then (and only then: the count is a
    // one-time filter) collect them through indexes, which costs less than walking on.
    const walkOrCollect = (name: string, walkSql: Prisma.Sql, lookup: Prisma.Sql): Prisma.Sql[] => {
      const walked = Prisma.raw(name);
      const collected = Prisma.raw(`${name}_collected`);
      return [
        Prisma.sql`${walked} AS MATERIALIZED (${walkSql})`,
        Prisma.sql`${collected} AS MATERIALIZED (${collect(lookup)} AND (SELECT count(*) FROM ${walked}) < ${want})`,
      ];
    };
    // Each part in its own materialised CTE (so each keeps its own plan), merged in the order.
    const union = (ctes: Prisma.Sql[], names: string[]) => Prisma.sql`
      WITH ${Prisma.join(ctes, ", ")}
      SELECT * FROM (${Prisma.join(names.map((n) => Prisma.sql`SELECT * FROM ${Prisma.raw(n)}`), " UNION ")}) merged
      ORDER BY sort_value ${dir}, id ${dir} LIMIT ${want}`;

    let statement: Prisma.Sql;
    if (segment.kind === "all") {
      statement = Prisma.sql`${selectFrom} WHERE ${where([])} ${orderBy} LIMIT ${want}`;
    } else if (segment.kind === "lookup") {
      statement = union([Prisma.sql`matches AS MATERIALIZED (${collect(segment.match)})`], ["matches"]);
    } else if (segment.kind === "walk") {
      statement = union(walkOrCollect("walked", boundedWalk(Prisma.sql`TRUE`, segment.match, order.walkBudget), segment.match), ["walked", "walked_collected"]);
    } else {
      const ctes: Prisma.Sql[] = [];
      const names: string[] = [];
      segment.streams.forEach((stream, i) => {
        if (stream.filter === null) {
          ctes.push(Prisma.sql`${Prisma.raw(`s${i}`)} AS MATERIALIZED (${selectFrom} WHERE ${where([stream.range])} ${orderBy} LIMIT ${want})`);
          names.push(`s${i}`);
        } else {
          ctes.push(...walkOrCollect(`s${i}`, boundedWalk(stream.range, stream.filter, STREAM_WALK_BUDGET), stream.lookup));
          names.push(`s${i}`, `s${i}_collected`);
        }
      });
      segment.lookups.forEach((lookup, i) => {
        ctes.push(Prisma.sql`${Prisma.raw(`l${i}`)} AS MATERIALIZED (${collect(lookup)})`);
        names.push(`l${i}`);
      });
      statement = union(ctes, names);
    }
    const rows = await db.$queryRaw<T[]>`${statement}`;
    collected.push(...rows.map((row) => ({ ...row, segment: index })));
  }

  const hasMore = collected.length > limit;
  const page = collected.slice(0, limit);
  if (backwards) page.reverse();
  const keyOf = (row: T & { segment: number }, towards: SegmentCursor["towards"]): SegmentCursor => ({
    segment: row.segment,
    value: row.sort_value instanceof Date ? row.sort_value.toISOString() : row.sort_value,
    id: row.id,
    towards,
  });
  const first = page[0];
  const last = page.at(-1);
  const hasNext = backwards ? cursor !== null : hasMore;
  const hasPrev = backwards ? hasMore : cursor !== null;
  return {
    rows: page,
    next: hasNext && last ? keyOf(last, "next") : null,
    prev: hasPrev && first ? keyOf(first, "prev") : null,
  };
}
