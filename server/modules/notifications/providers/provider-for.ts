import type { NotificationChannel } from "@/prisma/generated/enums";
import { logProvider } from "./log-provider";
import type { NotificationProvider } from "./notification-provider";
import { smsHttpProvider } from "./sms-http-provider";
import { smtpEmailProvider, smtpTransport } from "./smtp-email-provider";

/**
 * The provider for a channel from the environment: SMS_HTTP_URL (+ SMS_HTTP_TOKEN) for SMS,
 * SMTP_URL (+ SMTP_FROM) for email, else the log provider. A malformed URL throws here, before
 * anything is claimed, so a configuration mistake cannot use up messages' tries.
 */
export function providerFor(channel: NotificationChannel, env: Record<string, string | undefined> = process.env): NotificationProvider {
  if (channel === "SMS") {
    if (!env.SMS_HTTP_URL) return logProvider();
    return smsHttpProvider({ url: checkedUrl("SMS_HTTP_URL", env.SMS_HTTP_URL, ["http:", "https:"]), token: env.SMS_HTTP_TOKEN || undefined });
  }
  if (!env.SMTP_URL) return logProvider();
  return smtpEmailProvider({ transport: smtpTransport(checkedUrl("SMTP_URL", env.SMTP_URL, ["smtp:", "smtps:"])), from: env.SMTP_FROM || undefined });
}

function checkedUrl(name: string, value: string, protocols: string[]): string {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || !protocols.includes(url.protocol)) throw new Error(`${name} must be a ${protocols.join(" or ")} URL`);
  return value;
}
