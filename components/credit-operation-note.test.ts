import { describe, expect, it } from "vitest";
import { noteAndMemoOf } from "./credit-operation-note";

describe("an operation's note and memo", () => {
  it("puts an adjustment's note with its reason, never in the Memo column", () => {
    expect(noteAndMemoOf({ reason: "Customer complaint", memo: "Parcel arrived late" })).toEqual({ note: "Parcel arrived late", memo: null });
    expect(noteAndMemoOf({ reason: "Customer complaint", memo: null })).toEqual({ note: null, memo: null });
  });

  it("keeps a grant's memo in the Memo column", () => {
    expect(noteAndMemoOf({ reason: null, memo: "Birthday gift" })).toEqual({ note: null, memo: "Birthday gift" });
  });
});
