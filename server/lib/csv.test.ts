import { describe, expect, it } from "vitest";
import { csvCell, csvText } from "./csv";

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
