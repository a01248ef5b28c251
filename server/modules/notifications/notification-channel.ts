// Client-safe: the refund dialog says where the message will go by the same rule the outbox uses.

export type NotificationRecipient = { customerId: string; email: string; phone: string | null };

/** SMS when the customer has a phone number, else email. */
export function channelFor(recipient: Pick<NotificationRecipient, "email" | "phone">) {
  return recipient.phone ? { channel: "SMS" as const, address: recipient.phone } : { channel: "EMAIL" as const, address: recipient.email };
}
