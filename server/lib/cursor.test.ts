import { describe, expect, it } from "vitest";
import { decodeTimeIdCursor, encodeCursor, encodeTimeIdCursor } from "./cursor";

describe("(time, id) keyset cursors", () => {
  const position = { at: new Date("2026-11-23T12:00:00.123Z"), id: "0190abcd-0000-7000-8000-000000000001" };

  it("round-trips a position, and the first page has none", () => {
    expect(decodeTimeIdCursor(encodeTimeIdCursor(position))).toEqual(position);
    expect(decodeTimeIdCursor(null)).toBeNull();
    expect(decodeTimeIdCursor("")).toBeNull();
  });

  it.each([
    ["not base64 JSON", "bogus"],
    ["another list's cursor", encodeCursor({ seq: "12" })],
    ["an id that is not a UUID", encodeCursor({ at: position.at.toISOString(), id: "1; DROP TABLE refund" })],
    ["a time that is not a date", encodeCursor({ at: "yesterday", id: position.id })],
  ])("refuses %s on the cursor field", (_name, cursor) => {
    expect(() => decodeTimeIdCursor(cursor)).toThrow(expect.objectContaining({ code: "BAD_INPUT", field: "cursor" }));
  });
});
