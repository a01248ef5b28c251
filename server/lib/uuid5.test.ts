import { describe, expect, it } from "vitest";
import { uuid5 } from "./uuid5";

describe("uuid5", () => {
  it("matches the RFC's example (DNS namespace, www.example.com)", () => {
    expect(uuid5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });
  it("gives the same id for the same name and a different one for another", () => {
    const ns = "0190c1d2-0000-7000-8000-000000000000";
    expect(uuid5("batch:2", ns)).toBe(uuid5("batch:2", ns));
    expect(uuid5("batch:2", ns)).not.toBe(uuid5("batch:3", ns));
  });
});
