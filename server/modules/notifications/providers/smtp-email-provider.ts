import nodemailer, { type Transporter } from "nodemailer";
import { PROVIDER_TIMEOUT_MS, type NotificationProvider } from "./notification-provider";

export const DEFAULT_SMTP_FROM = "Creditdesk <no-reply@creditdesk.test>";

const SUBJECTS: Record<string, string> = { refund: "Your refund", credit: "Store credit" };

/** "refund.processed" → "Your refund"; kinds without a subject of their own get a plain one. */
export function emailSubjectFor(kind: string): string {
  return SUBJECTS[kind.split(".")[0] ?? ""] ?? "A message from Creditdesk";
}

/** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
export function smtpTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl, {
    connectionTimeout: PROVIDER_TIMEOUT_MS,
    greetingTimeout: PROVIDER_TIMEOUT_MS,
    socketTimeout: PROVIDER_TIMEOUT_MS,
  });
}

/** Email through an SMTP server. Plain text: the bodies are one or two sentences. */
export function smtpEmailProvider({ transport, from = DEFAULT_SMTP_FROM }: { transport: Transporter; from?: string }): NotificationProvider {
  return {
    name: "smtp",
    send: async ({ id, kind, recipient, body }) => {
      const info = await transport.sendMail({
        from,
        to: recipient,
        subject: emailSubjectFor(kind),
        text: body,
        // The same Message-ID on every try, so a repeat after a lost answer can be recognised.
        messageId: `<${id}@creditdesk.notifications>`,
      });
      return { providerRef: info.messageId };
    },
  };
}
