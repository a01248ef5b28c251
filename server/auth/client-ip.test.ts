import { describe, expect, it } from "vitest";
import { clientIpOf } from "./client-ip";

describe("clientIpOf", () => {
  it("takes the hop nearest to the app, not an address the client put first", () => {
    expect(clientIpOf("6.6.6.6, 198.51.100.7")).toBe("198.51.100.7");
    expect(clientIpOf("198.51.100.7")).toBe("198.51.100.7");
  });

  it("says unknown when there is no header", () => {
    expect(clientIpOf(undefined)).toBe("unknown");
    expect(clientIpOf(" , ")).toBe("unknown");
  });
});
