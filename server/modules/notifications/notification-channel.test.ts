import { describe, expect, it } from "vitest";
import { notifyHint } from "./notification-channel";

describe("the Notify customer hint", () => {
  it("names the channel and address the outbox will use", () => {
    expect(notifyHint({ phone: "+1 555 010 2030", email: "ann@shop.test" })).toBe("By SMS to +1 555 010 2030, else email");
    expect(notifyHint({ phone: null, email: "ann@shop.test" })).toBe("By email to ann@shop.test (no phone number)");
  });

  it("states the rule while no customer is chosen", () => {
    expect(notifyHint(null)).toBe("By SMS to the customer's phone number, else by email");
  });
});
