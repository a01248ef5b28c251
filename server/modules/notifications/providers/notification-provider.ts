import type { NotificationChannel } from "@/prisma/generated/enums";

export type OutgoingMessage = {
  /** The notification id: sent along so a provider (or the customer's mail client) can drop a repeat. */
  id: string;
  channel: NotificationChannel;
  /** "credit.received", "refund.processed": what the message is about (email subjects). */
  kind: string;
  recipient: string;
  body: string;
};

/** An SMS or email service. `send` resolves once the provider accepted the message and throws otherwise. */
export type NotificationProvider = {
  /** For logs: "sms-http", "smtp", "log". */
  name: string;
  send(message: OutgoingMessage): Promise<{ providerRef?: string }>;
};

/** Long enough for a slow provider, short enough that a batch finishes well inside its lease. */
export const PROVIDER_TIMEOUT_MS = 10_000;
