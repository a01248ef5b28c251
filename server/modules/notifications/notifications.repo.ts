import { Prisma } from "@/prisma/generated/client";
import { uuid7 } from "@/server/lib/uuid7";

export type NotificationRecipient = { customerId: string; email: string; phone: string | null };

/** SMS when the customer has a phone number, else email. */
export function channelFor(recipient: NotificationRecipient) {
  return recipient.phone ? { channel: "SMS" as const, address: recipient.phone } : { channel: "EMAIL" as const, address: recipient.email };
}

/**
 * The outbox INSERT: runs in the transaction of the change the message is about, so a message is
 * queued exactly when the change commits. Delivery (issue 5) happens after commit, from this row.
 */
export function notificationInsertSql(opts: { id?: string; recipient: NotificationRecipient; kind: string; body: string }): Prisma.Sql {
  const { channel, address } = channelFor(opts.recipient);
  return Prisma.sql`INSERT INTO notification (id, customer_id, kind, channel, recipient, body)
    VALUES (${opts.id ?? uuid7()}::uuid, ${opts.recipient.customerId}::uuid, ${opts.kind},
            ${channel}::"NotificationChannel", ${address}, ${opts.body})`;
}
