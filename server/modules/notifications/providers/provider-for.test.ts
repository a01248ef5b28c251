import { describe, expect, it } from "vitest";
import { parseConfig } from "@/server/config";
import { providerFor } from "./provider-for";

describe("choosing a provider", () => {
  it("logs messages of a channel with nothing configured", () => {
    expect(providerFor("SMS", parseConfig({})).name).toBe("log");
    expect(providerFor("EMAIL", parseConfig({})).name).toBe("log");
    expect(providerFor("EMAIL", parseConfig({ SMS_HTTP_URL: "https://sms.example.test/send" })).name).toBe("log");
    expect(providerFor("SMS", parseConfig({ SMTP_URL: "smtp://mail.example.test:587" })).name).toBe("log");
  });

  it("sends SMS over HTTP when SMS_HTTP_URL is set, and email over SMTP when SMTP_URL is set", () => {
    const env = parseConfig({ SMS_HTTP_URL: "https://sms.example.test/send", SMTP_URL: "smtp://user:pass@mail.example.test:587" });
    expect(providerFor("SMS", env).name).toBe("sms-http");
    expect(providerFor("EMAIL", env).name).toBe("smtp");
  });

});
