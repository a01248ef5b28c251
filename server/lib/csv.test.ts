import { describe, expect, it } from "vitest";
import { MAX_CSV_ROWS, collectCsvPages, csvCell, csvText } from "./csv";

describe("csvCell for free text", () => {
  it.each([
    ["plain words", '"plain words"'],
    ["", '""'],
    ['say "hi", then go', '"say ""hi"", then go"'],
    ["two\r\nlines", '"two\r\nlines"'],
    ["a;b", '"a;b"'],
  ])("quotes every text cell: %j", (value, cell) => {
    expect(csvCell(value, { isText: true })).toBe(cell);
  });

  it.each([
    ["=1+1", `"'=1+1"`],
    ["+1", `"'+1"`],
    ["-1+2", `"'-1+2"`],
    ["@SUM(A1)", `"'@SUM(A1)"`],
    ["\t=1", `"'\t=1"`],
    ["\rx", `"'\rx"`],
    ["\nx", `"'\nx"`],
    ["   =1+1", `"'   =1+1"`],
    [";=1+1", `"';=1+1"`],
    [",=1+1", `"',=1+1"`],
    [" ; , +1", `"' ; , +1"`],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
  ])("neutralises a formula start, also behind spaces and separators: %j", (value, cell) => {
    expect(csvCell(value, { isText: true })).toBe(cell);
  });

  it.each(["a=b", "Refund 1+1", "x-y", "mail@example.test", "; no formula"])("leaves text that cannot start a formula as typed: %j", (value) => {
    expect(csvCell(value, { isText: true })).toBe(`"${value}"`);
  });
});

describe("csvCell for values the server writes", () => {
  it("keeps negative amounts, dates and ids as they are, unquoted", () => {
    expect(csvCell("-15.00")).toBe("-15.00");
    expect(csvCell("2026-01-02T03:04:05.000Z")).toBe("2026-01-02T03:04:05.000Z");
    expect(csvCell("01a23380-1f22-76cd-93ed-9a8cb20cb7be")).toBe("01a23380-1f22-76cd-93ed-9a8cb20cb7be");
  });

  it("quotes one only when a separator, quote or line break needs it", () => {
    expect(csvCell("Adjusted, down")).toBe('"Adjusted, down"');
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell('say "x"')).toBe('"say ""x"""');
  });
});

describe("csvText", () => {
  it("ends every line with CRLF", () => {
    expect(csvText(["a,b", "c,d"])).toBe("a,b\r\nc,d\r\n");
  });
});

describe("collectCsvPages", () => {
  /** A keyset-paged list of `count` numbered rows, newest (highest) first, and the pages it was asked for. */
  const listOf = (count: number) => {
    const rows = Array.from({ length: count }, (_, i) => count - i);
    const asked: { before: number | null; limit: number }[] = [];
    const page = async (before: number | null, limit: number) => {
      asked.push({ before, limit });
      return rows.filter((n) => before === null || n < before).slice(0, limit);
    };
    return { page, asked };
  };
  const collect = (list: ReturnType<typeof listOf>) =>
    collectCsvPages({ header: ["N"], page: list.page, positionOf: (n) => n, line: (n) => String(n) });

  it("reads every page in order, each after the last row of the one before", async () => {
    const list = listOf(2_500);
    const result = await collect(list);
    expect(result).toMatchObject({ rowCount: 2_500, isTruncated: false });
    expect(result.csv.split("\r\n").slice(0, 3)).toEqual(["N", "2500", "2499"]);
    expect(list.asked.map((a) => a.before)).toEqual([null, 1_501, 501]);
  });

  it("stops at the cap, and says so only when a row was left out", async () => {
    expect(await collect(listOf(MAX_CSV_ROWS))).toMatchObject({ rowCount: MAX_CSV_ROWS, isTruncated: false });
    const over = await collect(listOf(MAX_CSV_ROWS + 1));
    expect(over).toMatchObject({ rowCount: MAX_CSV_ROWS, isTruncated: true });
    expect(over.csv.split("\r\n").filter(Boolean)).toHaveLength(MAX_CSV_ROWS + 1);
  });
});
