import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./delivery-policy";

describe("retry backoff", () => {
  it("doubles from 30 seconds after each failed try", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it("never waits more than an hour", () => {
    expect(retryDelayMs(20)).toBe(3_600_000);
  });
});
