import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";

/**
 * Keyset pagination over ranked tiers ("segments"): rows of segment 0 come first, then segment 1,
 * and so on; inside a segment rows follow (orderColumn, id). A cursor is (segment, value, id), so
 * next and previous pages are index range scans however deep the reader goes. Each segment
 * excludes the ones before it, so a row appears exactly once.
 */
export type KeysetOrder = {
  column: Prisma.Sql;
  valueType: "text" | "timestamptz";
  direction: "asc" | "desc";
};

export type SegmentCursor = { segment: number; value: string; id: string; towards: "next" | "prev" };

type Row = { id: string; sort_value: string | Date };
export type KeysetPage<T> = { rows: (T & { segment: number })[]; next: SegmentCursor | null; prev: SegmentCursor | null };

type Options = {
  from: Prisma.Sql;
  select: Prisma.Sql;
  segments: Prisma.Sql[];
  order: KeysetOrder;
  cursor: SegmentCursor | null;
  limit: number;
  /**
   * Collect each segment's matches before sorting. Right for selective predicates (trigram
   * lookups): otherwise the planner may walk the sort index and filter, which is slow whenever
   * the matches sit far along the sort order. Wrong for "everyone", where the index walk wins.
   */
  materialize: boolean;
};

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

  const indexes = opts.segments.map((_, i) => i);
  const start = cursor?.segment ?? 0;
  const walk = backwards ? indexes.filter((i) => i <= start).reverse() : indexes.filter((i) => i >= start);

  const collected: (T & { segment: number })[] = [];
  for (const segment of walk) {
    const want = limit + 1 - collected.length;
    if (want <= 0) break;
    const earlier = opts.segments.slice(0, segment);
    const conditions = [Prisma.sql`(${opts.segments[segment]!})`, ...earlier.map(isNotTrue)];
    if (cursor && segment === cursor.segment) {
      conditions.push(Prisma.sql`(${order.column}, c.id) ${cmp} (${cursor.value}::${cast}, ${cursor.id}::uuid)`);
    }
    const where = Prisma.join(conditions, " AND ");
    const rows = opts.materialize
      ? await db.$queryRaw<T[]>`
          WITH matches AS MATERIALIZED (SELECT ${opts.select}, ${order.column} AS sort_value FROM ${opts.from} WHERE ${where})
          SELECT * FROM matches ORDER BY sort_value ${dir}, id ${dir} LIMIT ${want}`
      : await db.$queryRaw<T[]>`
          SELECT ${opts.select}, ${order.column} AS sort_value FROM ${opts.from} WHERE ${where}
          ORDER BY ${order.column} ${dir}, c.id ${dir} LIMIT ${want}`;
    collected.push(...rows.map((row) => ({ ...row, segment })));
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
