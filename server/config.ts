// Every environment variable the app and its scripts read, parsed in one place with zod. The
// entry points (instrumentation.ts's register(), the scripts' preload) call exitOnBadConfig()
// first, so a mistyped value stops the process with the variable's name instead of turning a job
// off or shrinking a timeout. The README's Configuration table documents this module.
import { z } from "zod";

/** The gateways PAYMENT_GATEWAY may name (server/modules/refunds/gateways/gateway-registry.ts). */
export const PAYMENT_GATEWAYS = ["sandbox"] as const;

type Env = Record<string, string | undefined>;

/** An unset or empty variable is the same: the default applies. */
const optionalText = z
  .string()
  .optional()
  .transform((raw) => (raw === undefined || raw.trim() === "" ? undefined : raw.trim()));

function wholeNumber(name: string, rule: { unit?: string; min: number; max: number; fallback: number }) {
  const expected = `${name} must be a whole number${rule.unit ? ` of ${rule.unit}` : ""} from ${rule.min} to ${rule.max}`;
  return optionalText.transform((raw, ctx) => {
    if (raw === undefined) return rule.fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= rule.min && value <= rule.max) return value;
    ctx.addIssue({ code: "custom", message: `${expected}, got ${JSON.stringify(raw)}` });
    return z.NEVER;
  });
}

/** URLs may carry passwords or tokens, so the message never repeats the value. */
function url(name: string, protocols: string[]) {
  const expected = `${name} must be a ${protocols.map((p) => `${p}//`).join(" or ")} URL`;
  return optionalText.transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    if (URL.canParse(raw) && protocols.includes(new URL(raw).protocol)) return raw;
    ctx.addIssue({ code: "custom", message: `${expected}; the value set is not one` });
    return z.NEVER;
  });
}

const ZConfig = z.object({
  DATABASE_URL: url("DATABASE_URL", ["postgresql:", "postgres:"]),
  /** A read replica for the read procedures that tolerate lag (search, lists); unset: the primary. */
  DATABASE_READ_URL: url("DATABASE_READ_URL", ["postgresql:", "postgres:"]),
  DATA_DIR: optionalText.transform((raw) => raw ?? ".data"),
  DATABASE_POOL_SIZE: wholeNumber("DATABASE_POOL_SIZE", { unit: "connections", min: 1, max: 1000, fallback: 20 }),
  PORT: wholeNumber("PORT", { min: 1, max: 65535, fallback: 3000 }),
  NEXTAUTH_SECRET: optionalText.refine((raw) => raw === undefined || raw.length >= 32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: url("NEXTAUTH_URL", ["http:", "https:"]),
  STAFF_PASSWORD: optionalText,
  CREDITS_EXPIRE_INTERVAL_MINUTES: wholeNumber("CREDITS_EXPIRE_INTERVAL_MINUTES", { unit: "minutes", min: 0, max: 1440, fallback: 10 }),
  APPROVALS_EXPIRE_INTERVAL_MINUTES: wholeNumber("APPROVALS_EXPIRE_INTERVAL_MINUTES", { unit: "minutes", min: 0, max: 1440, fallback: 10 }),
  /** How often the ledger roll-up closes finished hours for the reports (ledger-rollup.ts). */
  LEDGER_ROLLUP_INTERVAL_MINUTES: wholeNumber("LEDGER_ROLLUP_INTERVAL_MINUTES", { unit: "minutes", min: 0, max: 1440, fallback: 5 }),
  BULK_CREDITS_INTERVAL_SECONDS: wholeNumber("BULK_CREDITS_INTERVAL_SECONDS", { unit: "seconds", min: 0, max: 3600, fallback: 2 }),
  BULK_CREDITS_CHUNK_ROWS: wholeNumber("BULK_CREDITS_CHUNK_ROWS", { unit: "rows", min: 1, max: 5000, fallback: 250 }),
  BULK_CREDITS_PARALLEL: wholeNumber("BULK_CREDITS_PARALLEL", { unit: "chunks", min: 1, max: 32, fallback: 4 }),
  BULK_CREDITS_LEASE_SECONDS: wholeNumber("BULK_CREDITS_LEASE_SECONDS", { unit: "seconds", min: 1, max: 3600, fallback: 60 }),
  PAYMENT_GATEWAY: optionalText.transform((raw, ctx) => {
    const name = (raw ?? "sandbox").toLowerCase();
    const known = PAYMENT_GATEWAYS.find((gateway) => gateway === name);
    if (known) return known;
    ctx.addIssue({ code: "custom", message: `PAYMENT_GATEWAY must be one of: ${PAYMENT_GATEWAYS.join(", ")}, got ${JSON.stringify(raw)}` });
    return z.NEVER;
  }),
  REFUND_GATEWAY_TIMEOUT_MS: wholeNumber("REFUND_GATEWAY_TIMEOUT_MS", { unit: "milliseconds", min: 100, max: 600_000, fallback: 10_000 }),
  REFUNDS_RECONCILE_INTERVAL_SECONDS: wholeNumber("REFUNDS_RECONCILE_INTERVAL_SECONDS", { unit: "seconds", min: 0, max: 86_400, fallback: 60 }),
  REFUNDS_RECONCILE_MIN_AGE_SECONDS: wholeNumber("REFUNDS_RECONCILE_MIN_AGE_SECONDS", { unit: "seconds", min: 0, max: 2_592_000, fallback: 0 }),
  SMS_HTTP_URL: url("SMS_HTTP_URL", ["http:", "https:"]),
  SMS_HTTP_TOKEN: optionalText,
  SMTP_URL: url("SMTP_URL", ["smtp:", "smtps:"]),
  SMTP_FROM: optionalText,
  NOTIFICATIONS_DELIVER_INTERVAL_SECONDS: wholeNumber("NOTIFICATIONS_DELIVER_INTERVAL_SECONDS", { unit: "seconds", min: 0, max: 86_400, fallback: 15 }),
  WEBHOOKS_DELIVER_INTERVAL_SECONDS: wholeNumber("WEBHOOKS_DELIVER_INTERVAL_SECONDS", { unit: "seconds", min: 0, max: 86_400, fallback: 5 }),
  WEBHOOKS_TIMEOUT_MS: wholeNumber("WEBHOOKS_TIMEOUT_MS", { unit: "milliseconds", min: 100, max: 60_000, fallback: 10_000 }),
  /** 1: webhooks may go to loopback, private and link-local addresses (tests, a receiver on the same network). */
  WEBHOOKS_ALLOW_PRIVATE: wholeNumber("WEBHOOKS_ALLOW_PRIVATE", { min: 0, max: 1, fallback: 0 }),
  EXPIRY_REMINDERS_INTERVAL_MINUTES: wholeNumber("EXPIRY_REMINDERS_INTERVAL_MINUTES", { unit: "minutes", min: 0, max: 1440, fallback: 60 }),
  /** Storefront API requests each API key may make per second (counted in PostgreSQL, shared by every node). */
  API_RATE_LIMIT_PER_SECOND: wholeNumber("API_RATE_LIMIT_PER_SECOND", { unit: "requests", min: 1, max: 100_000, fallback: 100 }),
  HOLD_TTL_MINUTES: wholeNumber("HOLD_TTL_MINUTES", { unit: "minutes", min: 1, max: 10_080, fallback: 30 }),
  HOLDS_EXPIRE_INTERVAL_SECONDS: wholeNumber("HOLDS_EXPIRE_INTERVAL_SECONDS", { unit: "seconds", min: 0, max: 86_400, fallback: 60 }),
  /** 1: `npm start` runs the job workers in the server; 0 on web nodes next to `npm run worker`. */
  WORKERS: wholeNumber("WORKERS", { min: 0, max: 1, fallback: 1 }),
  /**
   * The web server's V8 heap (--max-old-space-size, set by the launchers: scripts/start.ts and
   * scripts/lib/cluster.ts). Unset, V8 lets a busy server's heap grow past 300 MB of garbage
   * before it collects; the live heap is about 100 MB.
   */
  SERVER_HEAP_MB: wholeNumber("SERVER_HEAP_MB", { unit: "MB", min: 64, max: 65536, fallback: 256 }),
});

export type Config = z.output<typeof ZConfig>;

/** Every bad variable, one line each, in the message. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Env): Config {
  const parsed = ZConfig.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
}

/** The configuration of this process. Parsed on each call (cheap), so it is never out of step with the environment. */
export const config = (): Config => parseConfig(process.env);

/** For entry points: a bad variable prints its message and stops the process before anything starts. */
export function exitOnBadConfig(): void {
  try {
    config();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Creditdesk cannot start: check its environment variables.\n${error.message}`);
    process.exit(1);
  }
}
