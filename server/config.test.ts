import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, exitOnBadConfig, parseConfig } from "./config";

/** The one message parseConfig stops with for this environment. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("parseConfig accepted the environment");
}

describe("parseConfig", () => {
  it("gives every variable its documented default when nothing is set, and when a variable is empty", () => {
    const defaults = {
      DATABASE_URL: undefined,
      DATABASE_READ_URL: undefined,
      DATA_DIR: ".data",
      DATABASE_POOL_SIZE: 20,
      PORT: 3000,
      NEXTAUTH_SECRET: undefined,
      NEXTAUTH_URL: undefined,
      STAFF_PASSWORD: undefined,
      CREDITS_EXPIRE_INTERVAL_MINUTES: 10,
      APPROVALS_EXPIRE_INTERVAL_MINUTES: 10,
      LEDGER_ROLLUP_INTERVAL_MINUTES: 5,
      PAYMENT_GATEWAY: "sandbox",
      REFUND_GATEWAY_TIMEOUT_MS: 10_000,
      REFUNDS_RECONCILE_INTERVAL_SECONDS: 60,
      REFUNDS_RECONCILE_MIN_AGE_SECONDS: 0,
      SMS_HTTP_URL: undefined,
      SMS_HTTP_TOKEN: undefined,
      SMTP_URL: undefined,
      SMTP_FROM: undefined,
      NOTIFICATIONS_DELIVER_INTERVAL_SECONDS: 15,
      WEBHOOKS_DELIVER_INTERVAL_SECONDS: 5,
      WEBHOOKS_TIMEOUT_MS: 10_000,
      WEBHOOKS_ALLOW_PRIVATE: 0,
      EXPIRY_REMINDERS_INTERVAL_MINUTES: 60,
      API_RATE_LIMIT_PER_SECOND: 100,
      HOLD_TTL_MINUTES: 30,
      HOLDS_EXPIRE_INTERVAL_SECONDS: 60,
      BULK_CREDITS_INTERVAL_SECONDS: 2,
      BULK_CREDITS_CHUNK_ROWS: 250,
      BULK_CREDITS_PARALLEL: 4,
      BULK_CREDITS_LEASE_SECONDS: 60,
      WORKERS: 1,
      SERVER_HEAP_MB: 256,
    };
    expect(parseConfig({})).toEqual(defaults);
    expect(parseConfig(Object.fromEntries(Object.keys(defaults).map((name) => [name, ""])))).toEqual(defaults);
  });

  it("reads set values, with 0 turning a schedule off", () => {
    expect(
      parseConfig({
        DATABASE_URL: "postgresql://app:secret@db.internal:5432/creditdesk",
        DATABASE_READ_URL: "postgres://reader:secret@replica.internal:5432/creditdesk",
        DATABASE_POOL_SIZE: "5",
        PORT: " 8080 ",
        CREDITS_EXPIRE_INTERVAL_MINUTES: "0",
        APPROVALS_EXPIRE_INTERVAL_MINUTES: "0",
        PAYMENT_GATEWAY: "Sandbox",
        REFUND_GATEWAY_TIMEOUT_MS: "2500",
        REFUNDS_RECONCILE_INTERVAL_SECONDS: "0",
        NOTIFICATIONS_DELIVER_INTERVAL_SECONDS: "30",
        API_RATE_LIMIT_PER_SECOND: "5",
        WORKERS: "0",
        SMS_HTTP_URL: "https://sms.example.test/send",
        SMTP_URL: "smtp://user:pass@mail.example.test:587",
        NEXTAUTH_URL: "https://credit.example.test",
      }),
    ).toMatchObject({
      DATABASE_URL: "postgresql://app:secret@db.internal:5432/creditdesk",
      DATABASE_READ_URL: "postgres://reader:secret@replica.internal:5432/creditdesk",
      DATABASE_POOL_SIZE: 5,
      PORT: 8080,
      CREDITS_EXPIRE_INTERVAL_MINUTES: 0,
      APPROVALS_EXPIRE_INTERVAL_MINUTES: 0,
      PAYMENT_GATEWAY: "sandbox",
      REFUND_GATEWAY_TIMEOUT_MS: 2500,
      REFUNDS_RECONCILE_INTERVAL_SECONDS: 0,
      NOTIFICATIONS_DELIVER_INTERVAL_SECONDS: 30,
      API_RATE_LIMIT_PER_SECOND: 5,
      WORKERS: 0,
    });
  });

  it.each([
    ["REFUND_GATEWAY_TIMEOUT_MS", "10s", 'REFUND_GATEWAY_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000, got "10s"'],
    ["REFUND_GATEWAY_TIMEOUT_MS", "1", 'REFUND_GATEWAY_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000, got "1"'],
    ["CREDITS_EXPIRE_INTERVAL_MINUTES", "10m", 'CREDITS_EXPIRE_INTERVAL_MINUTES must be a whole number of minutes from 0 to 1440, got "10m"'],
    ["CREDITS_EXPIRE_INTERVAL_MINUTES", "-5", 'CREDITS_EXPIRE_INTERVAL_MINUTES must be a whole number of minutes from 0 to 1440, got "-5"'],
    ["APPROVALS_EXPIRE_INTERVAL_MINUTES", "1441", 'APPROVALS_EXPIRE_INTERVAL_MINUTES must be a whole number of minutes from 0 to 1440, got "1441"'],
    ["REFUNDS_RECONCILE_INTERVAL_SECONDS", "1.5", 'REFUNDS_RECONCILE_INTERVAL_SECONDS must be a whole number of seconds from 0 to 86400, got "1.5"'],
    ["REFUNDS_RECONCILE_MIN_AGE_SECONDS", "1e3", 'REFUNDS_RECONCILE_MIN_AGE_SECONDS must be a whole number of seconds from 0 to 2592000, got "1e3"'],
    ["NOTIFICATIONS_DELIVER_INTERVAL_SECONDS", "0x10", 'NOTIFICATIONS_DELIVER_INTERVAL_SECONDS must be a whole number of seconds from 0 to 86400, got "0x10"'],
    ["WORKERS", "2", 'WORKERS must be a whole number from 0 to 1, got "2"'],
    ["API_RATE_LIMIT_PER_SECOND", "0", 'API_RATE_LIMIT_PER_SECOND must be a whole number of requests from 1 to 100000, got "0"'],
    ["DATABASE_POOL_SIZE", "0", 'DATABASE_POOL_SIZE must be a whole number of connections from 1 to 1000, got "0"'],
    ["DATABASE_POOL_SIZE", "ten", 'DATABASE_POOL_SIZE must be a whole number of connections from 1 to 1000, got "ten"'],
    ["PORT", "99999", 'PORT must be a whole number from 1 to 65535, got "99999"'],
    ["PAYMENT_GATEWAY", "stripe", 'PAYMENT_GATEWAY must be one of: sandbox, got "stripe"'],
    ["NEXTAUTH_SECRET", "short", "NEXTAUTH_SECRET must be at least 32 characters"],
  ])("stops on %s=%j, naming the variable and its rule", (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([message]);
  });

  it.each([
    ["DATABASE_URL", "mysql://app:secret@db/creditdesk", "DATABASE_URL must be a postgresql:// or postgres:// URL; the value set is not one"],
    ["DATABASE_READ_URL", "replica.internal:5432/creditdesk", "DATABASE_READ_URL must be a postgresql:// or postgres:// URL; the value set is not one"],
    ["NEXTAUTH_URL", "credit.example.test", "NEXTAUTH_URL must be a http:// or https:// URL; the value set is not one"],
    ["SMS_HTTP_URL", "sms.example.test", "SMS_HTTP_URL must be a http:// or https:// URL; the value set is not one"],
    ["SMTP_URL", "https://user:secret@mail.example.test", "SMTP_URL must be a smtp:// or smtps:// URL; the value set is not one"],
  ])("stops on a malformed %s without repeating a value that may hold a password", (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([message]);
  });

  it("lists every bad variable at once", () => {
    expect(problemsOf({ PORT: "http", REFUND_GATEWAY_TIMEOUT_MS: "10s" })).toEqual([
      'PORT must be a whole number from 1 to 65535, got "http"',
      'REFUND_GATEWAY_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000, got "10s"',
    ]);
  });
});

describe("exitOnBadConfig", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("prints the problem and exits 1 when a variable is wrong", () => {
    vi.stubEnv("REFUND_GATEWAY_TIMEOUT_MS", "10s");
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    expect(() => exitOnBadConfig()).toThrow("exit 1");
    expect(exit).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalledWith(
      'Creditdesk cannot start: check its environment variables.\nREFUND_GATEWAY_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000, got "10s"',
    );
  });

  it("does nothing when the configuration is fine", () => {
    vi.stubEnv("REFUND_GATEWAY_TIMEOUT_MS", "5000");
    const exit = vi.spyOn(process, "exit");
    exitOnBadConfig();
    expect(exit).not.toHaveBeenCalled();
  });
});
