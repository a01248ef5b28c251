import { describe, expect, it } from "vitest";
import { providerFor } from "./provider-for";

describe("choosing a provider", () => {
  it("logs messages of a channel with nothing configured", () => {
    expect(providerFor("SMS", {}).name).toBe("log");
    expect(providerFor("EMAIL", {}).name).toBe("log");
    expect(providerFor("EMAIL", { SMS_HTTP_URL: "https://sms.example.test/send" }).name).toBe("log");
    expect(providerFor("SMS", { SMTP_URL: "smtp://mail.example.test:587" }).name).toBe("log");
  });

  it("sends SMS over HTTP when SMS_HTTP_URL is set, and email over SMTP when SMTP_URL is set", () => {
    const env = { SMS_HTTP_URL: "https://sms.example.test/send", SMTP_URL: "smtp://user:pass@mail.example.test:587" };
    expect(providerFor("SMS", env).name).toBe("sms-http");
    expect(providerFor("EMAIL", env).name).toBe("smtp");
  });

  it("refuses a malformed URL instead of failing every message", () => {
    expect(() => providerFor("SMS", { SMS_HTTP_URL: "sms.example.test" })).toThrow("SMS_HTTP_URL must be a http: or https: URL");
    expect(() => providerFor("EMAIL", { SMTP_URL: "https://mail.example.test" })).toThrow("SMTP_URL must be a smtp: or smtps: URL");
  });
});
