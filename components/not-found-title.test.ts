import { describe, expect, it } from "vitest";
import { notFoundTitleFor } from "./not-found-title";

describe("the not-found heading", () => {
  it("names the thing the address points at", () => {
    expect(notFoundTitleFor("/customers/%ff")).toBe("This customer does not exist");
    expect(notFoundTitleFor("/customers/%ff/payments")).toBe("This customer does not exist");
    expect(notFoundTitleFor("/customers/abc/credits/%ff")).toBe("This store credit does not exist");
    expect(notFoundTitleFor("/audit-log/%E0%A4%A")).toBe("This audit entry does not exist");
    expect(notFoundTitleFor("/refunds/x")).toBe("This refund does not exist");
  });

  it("says Page not found for any other address", () => {
    expect(notFoundTitleFor("/no-such-page")).toBe("Page not found");
    expect(notFoundTitleFor("/customers")).toBe("Page not found");
    expect(notFoundTitleFor(null)).toBe("Page not found");
  });
});
