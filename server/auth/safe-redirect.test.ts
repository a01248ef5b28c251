import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./safe-redirect";

const ORIGIN = "https://creditdesk.example";

describe("sameOriginPath", () => {
  it.each([
    ["/customers", "/customers"],
    ["/customers/abc?tab=payments#top", "/customers/abc?tab=payments#top"],
    ["https://creditdesk.example/refunds?status=PENDING", "/refunds?status=PENDING"],
  ])("keeps the same-origin path %s", (target, expected) => {
    expect(sameOriginPath(target, ORIGIN)).toBe(expected);
  });

  it.each([
    ["a backslash after the slash", "/\\evil.example"],
    ["slash, backslash, slash", "/\\/evil.example"],
    ["a tab between the slashes", "/\t/evil.example"],
    ["a newline between the slashes", "/\n/evil.example"],
    ["a protocol-relative URL", "//evil.example"],
    ["a dot segment that normalises to //", "/.//evil.example"],
    ["another origin", "https://evil.example/customers"],
    ["the same host over http", "http://creditdesk.example/customers"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["nothing", ""],
  ])("refuses %s", (_what, target) => {
    expect(sameOriginPath(target, ORIGIN)).toBeNull();
  });
});
