import { describe, expect, it } from "vitest";
import { AppError } from "./app-error";
import { cursorPage, readKeysetPage, seqCursor, timeIdCursor } from "./pager";

/** A keyset-paged list of `count` numbered rows, highest first, and the limits it was asked for. */
const listOf = (count: number) => {
  const rows = Array.from({ length: count }, (_, i) => count - i);
  const asked: { after: number | null; limit: number }[] = [];
  const fetch = async (after: number | null, limit: number) => {
    asked.push({ after, limit });
    return rows.filter((n) => after === null || n < after).slice(0, limit);
  };
  return { fetch, asked };
};

describe("readKeysetPage", () => {
  it("asks for one row more than the page, shows the page and points after its last row", async () => {
    const list = listOf(5);
    expect(await readKeysetPage({ after: null, limit: 2, fetch: list.fetch, positionOf: (n) => n })).toEqual({ rows: [5, 4], next: 4 });
    expect(list.asked).toEqual([{ after: null, limit: 3 }]);
    expect(await readKeysetPage({ after: 4, limit: 2, fetch: list.fetch, positionOf: (n) => n })).toEqual({ rows: [3, 2], next: 2 });
  });

  it("has no next page when the rows end exactly at the page's end, or before it", async () => {
    const list = listOf(4);
    expect(await readKeysetPage({ after: 2, limit: 2, fetch: list.fetch, positionOf: (n) => n })).toEqual({ rows: [1], next: null });
    expect(await readKeysetPage({ after: null, limit: 4, fetch: list.fetch, positionOf: (n) => n })).toEqual({ rows: [4, 3, 2, 1], next: null });
    expect(await readKeysetPage({ after: 1, limit: 4, fetch: list.fetch, positionOf: (n) => n })).toEqual({ rows: [], next: null });
  });
});

describe("cursorPage", () => {
  type Row = { id: string; createdAt: Date };
  const rows: Row[] = [3, 2, 1].map((n) => ({ id: `0190a000-0000-7000-8000-00000000000${n}`, createdAt: new Date(Date.UTC(2026, 0, n)) }));
  const fetch = async (after: { at: Date; id: string } | null, limit: number) =>
    rows.filter((row) => after === null || row.createdAt < after.at).slice(0, limit);
  const page = (cursor: string | null) =>
    cursorPage({ cursor, limit: 2, codec: timeIdCursor, fetch, positionOf: (row: Row) => ({ at: row.createdAt, id: row.id }) });

  it("walks every row once, page by page, through the cursors it hands out", async () => {
    const first = await page(null);
    expect(first.items.map((row) => row.id)).toEqual([rows[0]!.id, rows[1]!.id]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(first.nextCursor);
    expect(second).toEqual({ items: [rows[2]], nextCursor: null });
  });

  it("refuses a cursor it did not make before reading anything", async () => {
    let isFetched = false;
    const refused = cursorPage({
      cursor: seqCursor.encode(5n),
      limit: 2,
      codec: timeIdCursor,
      fetch: async () => {
        isFetched = true;
        return [];
      },
      positionOf: (row: Row) => ({ at: row.createdAt, id: row.id }),
    });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    expect(isFetched).toBe(false);
  });
});
