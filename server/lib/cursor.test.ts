import { describe, expect, it } from "vitest";
import { decodeSeqCursor, decodeTimeIdCursor, encodeCursor, encodeSeqCursor, encodeTimeIdCursor } from "./cursor";

const refused = expect.objectContaining({ code: "BAD_INPUT", field: "cursor", message: "This page link is no longer valid" });

describe("(time, id) keyset cursors", () => {
  const position = { at: new Date("2026-11-23T12:00:00.123Z"), id: "0190abcd-0000-7000-8000-000000000001" };

  it("round-trips a position, and the first page has none", () => {
    expect(decodeTimeIdCursor(encodeTimeIdCursor(position))).toEqual(position);
    expect(decodeTimeIdCursor(null)).toBeNull();
    expect(decodeTimeIdCursor("")).toBeNull();
  });

  it.each([
    ["not base64 JSON", "bogus"],
    ["JSON that is not an object", Buffer.from("null").toString("base64url")],
    ["another list's cursor", encodeCursor({ seq: "12" })],
    ["an extra field", encodeCursor({ at: position.at.toISOString(), id: position.id, x: 1 })],
    ["an id that is not a UUID", encodeCursor({ at: position.at.toISOString(), id: "1; DROP TABLE refund" })],
    ["a time that is not a date", encodeCursor({ at: "yesterday", id: position.id })],
    ["a time before year 1 (JavaScript's earliest date)", encodeCursor({ at: "-271821-04-20T00:00:00.000Z", id: position.id })],
    ["a time after year 9999", encodeCursor({ at: "+275760-09-13T00:00:00.000Z", id: position.id })],
    ["year zero", encodeCursor({ at: "0000-01-01T00:00:00.000Z", id: position.id })],
    ["a time of the wrong type", encodeCursor({ at: 1_700_000_000_000, id: position.id })],
  ])("refuses %s on the cursor field", (_name, cursor) => {
    expect(() => decodeTimeIdCursor(cursor)).toThrow(refused);
  });
});

describe("sequence cursors", () => {
  it("round-trips the largest bigint", () => {
    expect(decodeSeqCursor(encodeSeqCursor(9223372036854775807n))).toBe(9223372036854775807n);
    expect(decodeSeqCursor(null)).toBeNull();
  });

  it.each([["9223372036854775808"], ["0"], ["-1"], ["1e3"], ["01"], [12]])("refuses seq %s", (seq) => {
    expect(() => decodeSeqCursor(encodeCursor({ seq }))).toThrow(refused);
  });
});
