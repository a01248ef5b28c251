import { describe, expect, it } from "vitest";
import { changeRows } from "./change-rows";

describe("changeRows", () => {
  it("marks fields as changed, added, removed or unchanged", () => {
    const rows = changeRows({ amountMinor: "200", memo: "old", currency: "USD", note: "x" }, { amountMinor: "50000", memo: null, currency: "USD", expiresAt: "2027-01-01" });
    expect(rows).toEqual([
      { field: "amountMinor", before: "200", after: "50000", kind: "changed" },
      { field: "memo", before: "old", after: "none", kind: "changed" },
      { field: "currency", before: "USD", after: "USD", kind: "unchanged" },
      { field: "note", before: "x", after: "", kind: "removed" },
      { field: "expiresAt", before: "", after: "2027-01-01", kind: "added" },
    ]);
  });

  it("treats a new record (no before) as every field added", () => {
    expect(changeRows(null, { name: "Gift" })).toEqual([{ field: "name", before: "", after: "Gift", kind: "added" }]);
  });
});
