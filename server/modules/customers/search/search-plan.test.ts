import { describe, expect, it } from "vitest";
import { planCustomerSearch } from "./search-plan";

const kinds = (query: string, sort: Parameters<typeof planCustomerSearch>[1] = "relevance", mode?: "similar") =>
  planCustomerSearch(query, sort, "asc", mode).segments.map((s) => s.kind);

describe("customer search plan shapes (none may depend on planner statistics)", () => {
  it("reads one-word name prefixes as ordered streams, never a walk of the whole name index", () => {
    for (const query of ["Os", "Sc", "La", "Ber", "Art", "Schmidt"]) {
      const plan = planCustomerSearch(query, "relevance", "asc");
      const prefix = plan.segments[2]!;
      expect(prefix.kind).toBe("streams");
      if (prefix.kind !== "streams") continue;
      // The last name's range, then the first-name and email two-letter ranges, which filter
      // (a bounded walk) only past two letters.
      expect(prefix.streams).toHaveLength(3);
      expect(prefix.streams[0]!.filter).toBeNull();
      expect(prefix.streams.slice(1).map((s) => s.filter === null)).toEqual([query.length <= 2, query.length <= 2]);
    }
    expect(kinds("La")).toEqual(["lookup", "lookup", "streams"]);
  });

  it("walks a bounded way only where substrings can be dense (a short single word)", () => {
    expect(kinds("Ber")).toEqual(["lookup", "lookup", "streams", "walk"]);
    expect(kinds("Art", "name")).toEqual(["walk"]);
    expect(kinds("Schmidt")).toEqual(["lookup", "lookup", "streams", "lookup"]);
    expect(kinds("mairane harris")).toEqual(["lookup", "lookup", "lookup", "lookup"]);
    expect(kinds("Harris", "createdAt")).toEqual(["lookup"]);
    expect(kinds("jane.doe@example.com")).toEqual(["lookup", "lookup", "lookup"]);
    expect(kinds("415 555")).toEqual(["lookup", "lookup", "lookup"]);
  });

  it("reads the empty box as the order's index, a letter as a range, typos as a lookup", () => {
    expect(kinds("")).toEqual(["all"]);
    expect(kinds("", "lastActivityAt")).toEqual(["all"]);
    expect(kinds("Q")).toEqual(["streams"]);
    expect(kinds("Q", "createdAt")).toEqual(["walk"]);
    expect(kinds("mairane harris", "relevance", "similar")).toEqual(["lookup"]);
  });
});
