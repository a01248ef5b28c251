import type { NotificationChannel } from "@/prisma/generated/enums";
import { config, type Config } from "@/server/config";
import { logProvider } from "./log-provider";
import type { NotificationProvider } from "./notification-provider";
import { smsHttpProvider } from "./sms-http-provider";
import { smtpEmailProvider, smtpTransport } from "./smtp-email-provider";

type ProviderConfig = Pick<Config, "SMS_HTTP_URL" | "SMS_HTTP_TOKEN" | "SMTP_URL" | "SMTP_FROM">;

/**
 * The provider for a channel from the configuration: SMS_HTTP_URL (+ SMS_HTTP_TOKEN) for SMS,
 * SMTP_URL (+ SMTP_FROM) for email, else the log provider. A malformed URL stops the server at
 * start-up (server/config.ts), so a configuration mistake cannot use up messages' tries.
 */
export function providerFor(channel: NotificationChannel, settings: ProviderConfig = config()): NotificationProvider {
  if (channel === "SMS") {
    if (!settings.SMS_HTTP_URL) return logProvider();
    return smsHttpProvider({ url: settings.SMS_HTTP_URL, token: settings.SMS_HTTP_TOKEN });
  }
  if (!settings.SMTP_URL) return logProvider();
  return smtpEmailProvider({ transport: smtpTransport(settings.SMTP_URL), from: settings.SMTP_FROM });
}
